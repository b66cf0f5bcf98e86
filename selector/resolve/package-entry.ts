import { exportTargets } from "./export-targets.js";
import type { FileIndex } from "./file-index.js";
import type { Manifests } from "./manifests.js";
import { probeFile, probeIndex } from "./probe-file.js";
import { joinPath } from "./repo-path.js";
import { isBuildOutput, type OutputLayout, sourceStems } from "./to-source-path.js";
import type { WorkspacePackage } from "./types.js";

export interface PackageContext {
  files: FileIndex;
  manifests: Manifests;
  /** The package's tsconfig outDir/rootDir, when it declares them. */
  layoutOf(pkgDir: string): OutputLayout | undefined;
}

/**
 * The entry fields a runner or the type checker may take: Jest and Node `main`, Vite `module` (and
 * `browser` under `resolve.mainFields`), TypeScript `types`. Each field's file may be the one loaded.
 */
const ENTRY_FIELDS = ["types", "typings", "module", "main", "browser", "source"] as const;

function probeAny(files: FileIndex, path: string): string | undefined {
  return probeFile(files, path)?.path ?? probeIndex(files, path);
}

const DECLARATION = /\.d\.[cm]?ts$/;

/**
 * The source a build-output path was built from: a declaration beside it (`lib/index.d.ts` for
 * `lib/index.js`, hand-written types) describes it and is not its source, unless the target is one.
 */
function buildSource(ctx: PackageContext, pkgDir: string, full: string, layout?: OutputLayout) {
  for (const stem of sourceStems(pkgDir, full, layout)) {
    const source = probeAny(ctx.files, stem);
    if (source !== undefined && (!DECLARATION.test(source) || DECLARATION.test(full))) return source;
  }
  return undefined;
}

/**
 * A manifest target (`./dist/index.js`, `./src/index.ts`) as the files of the repository it may
 * load, the source first. An existing file outside build folders is taken as is; a missing one is
 * probed (`.js` -> `.ts`); build output is mapped back to the source it was built from, and when
 * it is committed it is the file that runs, so it counts too.
 */
export function packageTargetFiles(ctx: PackageContext, pkgDir: string, target: string): string[] {
  const full = joinPath(pkgDir, target);
  if (full === undefined || full === pkgDir) {
    const index = full === pkgDir ? probeIndex(ctx.files, pkgDir) : undefined;
    return index === undefined ? [] : [index];
  }
  const layout = ctx.layoutOf(pkgDir);
  const output = isBuildOutput(pkgDir, full, layout);
  const probed = probeFile(ctx.files, full);
  // An extensionless target's other code files (`lib/parse.js` beside `lib/parse.d.ts`) load too.
  const direct = probed ? [probed.path, ...(probed.siblings ?? [])] : [];
  if (!output || !ctx.files.has(full)) {
    if (probed !== undefined && !(output && isBuildOutput(pkgDir, probed.path, layout))) return direct;
  }
  const source = buildSource(ctx, pkgDir, full, layout);
  const committed = direct.length > 0 ? direct : [probeIndex(ctx.files, full)];
  return [...new Set([source, ...committed].filter((file) => file !== undefined))];
}

/** The first of `packageTargetFiles`: the file a target is taken to be. */
export function resolvePackageTarget(
  ctx: PackageContext,
  pkgDir: string,
  target: string,
): string | undefined {
  return packageTargetFiles(ctx, pkgDir, target)[0];
}

/** Fields a runner loads by; `types`, `typings` and `source` only tell tools where to look. */
const RUNTIME_FIELDS = new Set(["main", "module", "browser"]);

/**
 * The files a package's entry fields name, in `ENTRY_FIELDS` order, with the first field that named
 * one. Where no runtime field names a file, the runner loads the folder's `index`, so it counts too.
 */
function entryFieldFiles(ctx: PackageContext, pkgDir: string): { files: string[]; field?: string } {
  const manifest = ctx.manifests.at(pkgDir);
  const files: string[] = [];
  let field: string | undefined;
  let runtime = false;
  for (const name of ENTRY_FIELDS) {
    const target = manifest?.[name];
    const found = typeof target === "string" ? packageTargetFiles(ctx, pkgDir, target) : [];
    if (found.length > 0) field ??= name;
    if (found.length > 0 && RUNTIME_FIELDS.has(name)) runtime = true;
    for (const file of found) if (!files.includes(file)) files.push(file);
  }
  const index = runtime ? undefined : probeIndex(ctx.files, pkgDir);
  if (index !== undefined && !files.includes(index)) files.push(index);
  return field === undefined ? { files } : { files, field };
}

/** A directory import: every file its package.json entry fields name (preferred first), or `index.*`. */
export const resolveDirectory = (ctx: PackageContext, dir: string): string[] =>
  entryFieldFiles(ctx, dir).files;

export interface EntryFound {
  path: string;
  /** Which part of the package decided: "exports", "subpath", a field name, or "index". */
  rule: string;
  /** Other files the entry names under other conditions (see Resolution). */
  alternatives?: string[];
}

/**
 * Every file a conditional map's targets name, the package's preferred one first. The runner's
 * conditions decide which it loads (Vitest in Node: `node`, `development`; Jest with jsdom:
 * `browser`), and they are not known here, so each one counts.
 */
export function targetFiles(ctx: PackageContext, pkgDir: string, targets: Iterable<string>): string[] {
  const files: string[] = [];
  for (const target of targets) {
    for (const found of packageTargetFiles(ctx, pkgDir, target))
      if (!files.includes(found)) files.push(found);
  }
  return files;
}

/** The first file and the others, as an entry's `path` and `alternatives`. */
export function withAlternatives(files: readonly string[]): { path: string; alternatives?: string[] } {
  const [path, ...others] = files;
  return others.length > 0 ? { path: path!, alternatives: others } : { path: path! };
}

function fromExports(ctx: PackageContext, pkg: WorkspacePackage, subpath: string): string[] {
  const manifest = ctx.manifests.at(pkg.dir);
  if (!manifest) return [];
  return targetFiles(ctx, pkg.dir, exportTargets(manifest, subpath === "" ? "." : `./${subpath}`));
}

/**
 * `@scope/pkg[/sub/path]` inside a workspace package: `exports` first; when they do not map it
 * (or the package has none), the subpath as a path in the package, or the entry fields.
 * Falling back past `exports` is deliberate: a stale exports map must not hide an edge.
 */
export function resolveWorkspaceEntry(
  ctx: PackageContext,
  pkg: WorkspacePackage,
  subpath: string,
): EntryFound | undefined {
  const exported = fromExports(ctx, pkg, subpath);
  if (exported.length > 0) return { ...withAlternatives(exported), rule: "exports" };
  if (subpath !== "") {
    const targets = packageTargetFiles(ctx, pkg.dir, `./${subpath}`);
    return targets.length === 0 ? undefined : { ...withAlternatives(targets), rule: "subpath" };
  }
  const { files, field } = entryFieldFiles(ctx, pkg.dir);
  if (files.length > 0) return { ...withAlternatives(files), rule: field ?? "index" };
  const index = probeIndex(ctx.files, pkg.dir) ?? probeIndex(ctx.files, joinPath(pkg.dir, "src") ?? "src");
  return index === undefined ? undefined : { path: index, rule: "index" };
}
