import { repoPathOf } from "../extract/static-value.js";
import type { ImportKind } from "../extract/types.js";
import type { RepoSnapshot } from "../repo/types.js";
import { buildSource } from "./build-source.js";
import { declaredPackages } from "./declared-packages.js";
import { FileIndex } from "./file-index.js";
import { Manifests } from "./manifests.js";
import { ancestors, childPath, dirOf, isRelative, joinPath, stripQuery } from "./repo-path.js";
import { type BareContext, resolveBare } from "./resolve-bare.js";
import { GlobIndex, globToRepoPattern } from "./resolve-glob.js";
import { locate, locateAs } from "./resolve-location.js";
import { type AliasMatch, RunnerAliases } from "./runner-aliases.js";
import { withModuleSuffixes, withRunnerExtensions } from "./runner-extensions.js";
import { fromTarball, type TarballDependency, tarballDependencies } from "./tarball-dependencies.js";
import type { OutputLayout } from "./to-source-path.js";
import { type Tsconfig, Tsconfigs } from "./tsconfig.js";
import { extendersIndex } from "./tsconfig-bases.js";
import { createExtendsResolver } from "./tsconfig-extends.js";
import { GoverningTsconfigs } from "./tsconfig-governing.js";
import { matchPaths } from "./tsconfig-paths.js";
import type {
  JsxSettings,
  Resolution,
  Resolver,
  ResolverWarning,
  RunnerAliasSet,
  WorkspacePackage,
} from "./types.js";
import { discoverWorkspaces } from "./workspaces.js";

const TSCONFIG_FILE = /(?:^|\/)tsconfig(?:\.[^/]*)?\.json$/;

/** Everything the resolver precomputes once per snapshot. */
interface State {
  ctx: BareContext;
  tsconfigs: Tsconfigs;
  governing: GoverningTsconfigs;
  globs: GlobIndex;
  packages: WorkspacePackage[];
  aliases: RunnerAliases;
  /** Package names some package.json declares; undefined when the repository has none. */
  declared: ReadonlySet<string> | undefined;
  /** Packages installed from a tarball of the repository (`file:vendor/x-1.0.0.tgz`). */
  tarballs: ReadonlyMap<string, TarballDependency[]>;
}

export interface ResolverOptions {
  /** Aliases the test runners' configs define (vite/vitest `alias`, jest `moduleNameMapper`). */
  runnerAliases?: readonly RunnerAliasSet[];
}

function outputLayout(
  tsconfigs: Tsconfigs,
  has: (p: string) => boolean,
  pkgDir: string,
): OutputLayout | undefined {
  for (const name of ["tsconfig.build.json", "tsconfig.json"]) {
    const path = childPath(pkgDir, name);
    if (!has(path)) continue;
    const config = tsconfigs.load(path);
    if (config.outDir === undefined) continue;
    return config.rootDir === undefined
      ? { outDir: config.outDir }
      : { outDir: config.outDir, rootDir: config.rootDir };
  }
  return undefined;
}

function buildState(snapshot: RepoSnapshot, warnings: ResolverWarning[], options: ResolverOptions): State {
  const files = new FileIndex(snapshot.paths);
  const has = (path: string): boolean => files.has(path);
  const manifests = new Manifests(snapshot, warnings);
  const { byName: workspaces, packages } = discoverWorkspaces(snapshot, manifests, warnings);
  const tsconfigs = new Tsconfigs(snapshot, warnings, createExtendsResolver(has, manifests, workspaces));
  const layouts = new Map<string, OutputLayout | undefined>();
  const layoutOf = (pkgDir: string): OutputLayout | undefined => {
    if (!layouts.has(pkgDir)) layouts.set(pkgDir, outputLayout(tsconfigs, has, pkgDir));
    return layouts.get(pkgDir);
  };
  // Load every tsconfig now so a broken one is reported even if no import consults it.
  for (const path of snapshot.paths) {
    if (TSCONFIG_FILE.test(path) && !path.includes("node_modules/")) tsconfigs.load(path);
  }
  return {
    ctx: { files, manifests, workspaces, layoutOf },
    tsconfigs,
    governing: new GoverningTsconfigs(has, tsconfigs),
    globs: new GlobIndex(snapshot.paths),
    packages,
    aliases: new RunnerAliases(options.runnerAliases ?? []),
    declared: declaredPackages(snapshot.paths, manifests),
    tarballs: tarballDependencies(snapshot.paths, manifests, has),
  };
}

/** Vite's `/src/x`: rooted at the importing file's package, then at the repository root. */
function resolveRooted(state: State, specifier: string, dir: string): Resolution {
  const pkgDir = state.ctx.manifests.packageDirOf(dir) ?? "";
  const tried: string[] = [];
  for (const root of pkgDir === "" ? [""] : [pkgDir, ""]) {
    const path = joinPath(root, specifier.slice(1));
    if (path === undefined) continue;
    const found = locate(state.ctx, path, specifier.endsWith("/"));
    if (found) return { kind: "file", path: found.path, via: found.jsToTs ? "js->ts" : "root-relative" };
    tried.push(path === "" ? "." : path);
  }
  return { kind: "unresolved", reason: `root-relative: no file at ${tried.join(" or ")}` };
}

/** One target an alias rewrote a specifier to: a repository path, Vite's project-rooted `/x`, or a specifier. */
/**
 * What the importer's runner extensions (`resolve.extensions`, `haste.defaultPlatform`) and its
 * tsconfig's `moduleSuffixes` add to a path probed by name: relative, or an alias's target.
 */
function withProjectExtensions(state: State, found: Resolution, path: string, fromFile: string): Resolution {
  const extended = withRunnerExtensions(found, state.ctx.files, path, state.aliases.extensionsFor(fromFile));
  return withModuleSuffixes(extended, state.ctx.files, path, tsconfigOf(state, fromFile)?.moduleSuffixes);
}

function locateWithExtensions(
  state: State,
  path: string | undefined,
  directoryOnly: boolean,
  fromFile: string,
): Resolution {
  const found = locateAs(state.ctx, path, directoryOnly, "alias");
  return path === undefined || directoryOnly ? found : withProjectExtensions(state, found, path, fromFile);
}

function resolveAliasTarget(
  state: State,
  match: AliasMatch,
  target: string,
  fromFile: string,
  kind: ImportKind,
): Resolution {
  // A capture may start with the slash the target already ends with (`src/$1.ts` on `/vanilla`): the
  // runner hands the file system `src//vanilla.ts`, which reads it as `src/vanilla.ts`.
  const spelled = repoPathOf(target);
  const inRepo = spelled === undefined ? undefined : joinPath("", spelled);
  const rooted =
    inRepo ??
    (target.startsWith("/") && match.alias.style === "vite" ? joinPath(match.set.dir, target) : undefined);
  if (rooted !== undefined) return locateWithExtensions(state, rooted, target.endsWith("/"), fromFile);
  if (target.startsWith("/")) return { kind: "unresolved", reason: `${target} is outside the repository` };
  const resolved = resolveUncached(state, target, fromFile, kind, false);
  if (resolved.kind !== "unresolved" || !isRelative(target)) return resolved;
  // Both runners resolve a relative replacement from the importer; the project root is a harmless second try.
  const fromRoot = locateWithExtensions(
    state,
    joinPath(match.set.dir, target),
    target.endsWith("/"),
    fromFile,
  );
  return fromRoot.kind === "file" ? fromRoot : resolved;
}

/** A specifier a runner alias rewrites: the first target that names something, else why none did. */
function resolveAliased(state: State, match: AliasMatch, fromFile: string, kind: ImportKind): Resolution {
  const { alias, set } = match;
  const find = "prefix" in alias.find ? alias.find.prefix : `/${alias.find.regex}/`;
  const where = alias.line > 0 ? `${set.config}:${alias.line}` : set.config;
  if (alias.unread !== undefined) {
    return {
      kind: "unresolved",
      reason: `alias ${find} (${where}) maps to \`${alias.unread}\`, which cannot be read statically`,
    };
  }
  let external: Resolution | undefined;
  for (const target of match.targets) {
    const resolution = resolveAliasTarget(state, match, target, fromFile, kind);
    if (resolution.kind === "file") return { ...resolution, via: `alias ${find} (${where})` };
    if (resolution.kind === "external") external ??= resolution;
  }
  return (
    external ?? {
      kind: "unresolved",
      reason: `alias ${find} (${where}): no file for ${match.targets.join(", ")}`,
    }
  );
}

/**
 * Modules the test runner hands the tests it runs, declared or not (a global install, `npx vitest`):
 * they are the runner's own and cannot stand for a file of the repository.
 */
const RUNNER_PROVIDED = new Set(["vitest", "@jest/globals"]);

/** Jest's `modulePaths`/`moduleDirectories`: a bare name found in one of them is that file. */
function fromModuleDirs(state: State, specifier: string, fromFile: string): Resolution | undefined {
  if (state.aliases.size === 0 || specifier.includes(":")) return undefined;
  for (const moduleDir of state.aliases.moduleDirsFor(fromFile)) {
    const bases =
      moduleDir.path !== undefined
        ? [moduleDir.path]
        : [...ancestors(dirOf(fromFile))].map((d) => childPath(d, moduleDir.name!));
    for (const base of bases) {
      const path = joinPath(base, specifier);
      const found = path === undefined ? undefined : locate(state.ctx, path, false);
      if (found) return { kind: "file", path: found.path, via: `module directory ${base}` };
    }
  }
  return undefined;
}

/** A package no package.json declares and no rule resolved: it names nothing we can see. */
function undeclared(state: State, specifier: string, resolution: Resolution): Resolution {
  if (resolution.kind !== "external" || resolution.builtin) return resolution;
  if (specifier.startsWith("virtual:")) {
    return {
      kind: "unresolved",
      reason: "a module a bundler plugin generates: what it is made from is unknown",
    };
  }
  const { packageName } = resolution;
  if (!state.declared || specifier.includes(":") || state.declared.has(packageName)) return resolution;
  if (RUNNER_PROVIDED.has(packageName)) return resolution;
  return {
    kind: "unresolved",
    reason: `no package.json of the repository declares "${packageName}", and no alias or file matches`,
  };
}

function tsconfigOf(state: State, fromFile: string): Tsconfig | undefined {
  const path = state.governing.forFile(fromFile);
  return path === undefined ? undefined : state.tsconfigs.load(path);
}

function resolveUncached(
  state: State,
  raw: string,
  fromFile: string,
  kind: ImportKind,
  aliases = true,
): Resolution {
  const dir = dirOf(fromFile);
  let specifier = stripQuery(raw);
  if (specifier === "") return { kind: "unresolved", reason: "empty specifier" };
  if (aliases && state.aliases.size > 0 && kind !== "reference" && !isRelative(specifier)) {
    const match = state.aliases.match(specifier, fromFile);
    if (match) return resolveAliased(state, match, fromFile, kind);
  }
  // Jest's `<rootDir>` is the config's directory.
  if (kind === "asset") specifier = specifier.replace(/^<rootDir>(?=\/|$)/, ".");
  if (isRelative(specifier)) {
    const directoryOnly = specifier === "." || specifier === ".." || specifier.endsWith("/");
    const path = joinPath(dir, specifier);
    const probed = locateAs(state.ctx, path, directoryOnly, "relative");
    const found =
      path === undefined || directoryOnly ? probed : withProjectExtensions(state, probed, path, fromFile);
    // Untracked build output (`../dist/cli.js`): the source a certain outDir -> rootDir names.
    if (found.kind !== "unresolved" || path === undefined || directoryOnly) return found;
    return buildSource(state.ctx, path) ?? found;
  }
  if (specifier.startsWith("/")) return resolveRooted(state, specifier, dir);
  if (kind === "asset") {
    // Runner configs name setup files relative to their root even without `./` (`setupFiles: ["setup.ts"]`).
    const path = joinPath(dir, specifier);
    const found = path === undefined ? undefined : locate(state.ctx, path, false);
    if (found) return { kind: "file", path: found.path, via: "relative" };
  }
  const tsconfig = tsconfigOf(state, fromFile);
  const bare = resolveBare(state.ctx, specifier, dir, tsconfig);
  // A paths alias (`@/size`) is a name probed like a relative one: by the type checker with the
  // tsconfig's moduleSuffixes, by vite-tsconfig-paths with Vite's extensions.
  if (bare.kind === "file" && bare.via?.startsWith("tsconfig paths"))
    return withProjectExtensions(state, bare, bare.path.replace(/\.(?:d\.)?[cm]?[jt]sx?$/, ""), fromFile);
  if (bare.kind === "file" || (bare.kind === "external" && bare.builtin)) return bare;
  const tarball = bare.kind === "external" ? fromTarball(state.tarballs, bare.packageName, dir) : undefined;
  if (tarball) return tarball;
  return fromModuleDirs(state, specifier, fromFile) ?? undeclared(state, specifier, bare);
}

function globPatterns(state: State, pattern: string, fromFile: string): string[] {
  const dir = dirOf(fromFile);
  const direct = globToRepoPattern(pattern, dir, state.ctx.manifests.packageDirOf(dir) ?? "");
  if (direct !== undefined) return [direct];
  // Vite expands aliases in globs (`@/pages/*.tsx`); tsconfig paths are the aliases we can see.
  const tsconfigPath = state.governing.forFile(fromFile);
  if (tsconfigPath === undefined) return [];
  return matchPaths(state.tsconfigs.load(tsconfigPath).paths, pattern)?.candidates ?? [];
}

/**
 * Memoised resolutions. Files of one directory under one tsconfig share a bucket (the same
 * specifier resolves the same way there); buckets are found per file so the hot path does one
 * lookup by file and one by specifier, no key strings built.
 */
class ResolutionMemo {
  private readonly shared = new Map<string, Map<string, Resolution>>();
  private readonly byFile = [new Map<string, Map<string, Resolution>>(), new Map(), new Map()];

  constructor(private readonly state: State) {}

  bucketFor(fromFile: string, kind: ImportKind): Map<string, Resolution> {
    // Asset and reference specifiers read differently (<rootDir>, bare-as-relative): own buckets.
    const group = kind === "asset" ? 1 : kind === "reference" ? 2 : 0;
    const files = this.byFile[group]!;
    let bucket = files.get(fromFile);
    if (!bucket) {
      const tsconfig = this.state.governing.forFile(fromFile) ?? "";
      const key = `${group}\0${tsconfig}\0${dirOf(fromFile)}`;
      bucket = this.shared.get(key);
      if (!bucket) {
        bucket = new Map();
        this.shared.set(key, bucket);
      }
      files.set(fromFile, bucket);
    }
    return bucket;
  }
}

/**
 * The one module resolver: configured once per snapshot (workspaces, tsconfigs, manifests), then
 * pure lookups against the file list, memoised per (directory, specifier).
 */
export function createResolver(snapshot: RepoSnapshot, options: ResolverOptions = {}): Resolver {
  const warnings: ResolverWarning[] = [];
  const state = buildState(snapshot, warnings, options);
  const memo = new ResolutionMemo(state);
  const globMemo = new Map<string, string[]>();
  let extenders: Map<string, string[]> | undefined;
  return {
    resolve(specifier, fromFile, kind) {
      const bucket = memo.bucketFor(fromFile, kind);
      let resolution = bucket.get(specifier);
      if (!resolution) {
        resolution = resolveUncached(state, specifier, fromFile, kind);
        bucket.set(specifier, resolution);
      }
      return resolution;
    },
    resolveGlob(pattern, fromFile) {
      if (pattern.startsWith("!")) return [];
      const key = `${dirOf(fromFile)}\0${pattern}`;
      let files = globMemo.get(key);
      if (!files) {
        files = [...new Set(globPatterns(state, pattern, fromFile).flatMap((p) => state.globs.match(p)))];
        globMemo.set(key, files);
      }
      return files;
    },
    tsconfigFor: (file) => state.governing.forFile(file),
    jsxSettingsFor(file): JsxSettings {
      const path = state.governing.forFile(file);
      if (path === undefined) return {};
      const { jsx, jsxImportSource } = state.tsconfigs.load(path);
      return {
        ...(jsx === undefined ? {} : { jsx }),
        ...(jsxImportSource === undefined ? {} : { jsxImportSource }),
      };
    },
    extendedBy(file) {
      extenders ??= extendersIndex(snapshot.paths, {
        extendsOf: (config) => (snapshot.has(config) ? state.tsconfigs.parsed(config).extends : []),
        resolve: state.tsconfigs.resolveExtends,
      });
      return extenders.get(file) ?? [];
    },
    workspaces: () => state.packages.map((pkg) => ({ ...pkg, dependencies: [...pkg.dependencies] })),
    warnings: () => [...warnings],
  };
}
