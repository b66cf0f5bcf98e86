import { builtinModules } from "node:module";
import { importTargets } from "./export-targets.js";
import type { Manifests } from "./manifests.js";
import {
  type PackageContext,
  resolveWorkspaceEntry,
  targetFiles,
  withAlternatives,
} from "./package-entry.js";
import { joinPath, packageNameOf, subpathOf } from "./repo-path.js";
import { locate } from "./resolve-location.js";
import type { Tsconfig } from "./tsconfig.js";
import { matchPaths } from "./tsconfig-paths.js";
import type { Resolution, WorkspacePackage } from "./types.js";

const BUILTINS = new Set(builtinModules);
/** `https:`, `data:`, `virtual:`, `bun:`… — anything with a scheme is not a repository file. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;

export interface BareContext extends PackageContext {
  manifests: Manifests;
  workspaces: ReadonlyMap<string, WorkspacePackage>;
}

function fromPackageImports(
  ctx: BareContext,
  specifier: string,
  fromDir: string,
  depth: number,
): Resolution | undefined {
  const pkgDir = ctx.manifests.packageDirOf(fromDir);
  const manifest = pkgDir === undefined ? undefined : ctx.manifests.at(pkgDir);
  if (pkgDir === undefined || !manifest) return undefined;
  const files: string[] = [];
  for (const target of importTargets(manifest, specifier)) {
    if (target.startsWith("./") || target.startsWith("../")) {
      files.push(...targetFiles(ctx, pkgDir, [target]).filter((file) => !files.includes(file)));
    } else if (files.length === 0 && depth < 4 && !target.startsWith("#")) {
      // `"#dep": "some-package"` re-points at a package; resolve it as if imported by name.
      return resolveBare(ctx, target, pkgDir, undefined, depth + 1);
    }
  }
  if (files.length === 0) return undefined;
  return { kind: "file", ...withAlternatives(files), via: `package imports ${specifier}` };
}

interface PathsOutcome {
  resolution?: Resolution;
  /** Set when an alias pattern matched but named no file: worth reporting, not an npm package. */
  failed?: string;
}

function fromTsconfig(ctx: BareContext, specifier: string, tsconfig: Tsconfig | undefined): PathsOutcome {
  if (!tsconfig) return {};
  const match = matchPaths(tsconfig.paths, specifier);
  let failed: string | undefined;
  if (match) {
    for (const candidate of match.candidates) {
      const found = locate(ctx, candidate, false);
      // As for a relative name, `greet.js` beside `greet.ts` may be the one a runner loads.
      const alternatives = found?.siblings ? { alternatives: found.siblings } : {};
      if (found)
        return {
          resolution: {
            kind: "file",
            path: found.path,
            via: `tsconfig paths ${match.pattern}`,
            ...alternatives,
          },
        };
    }
    const intoRepo = match.candidates.filter((c) => !c.includes("node_modules/"));
    if (match.pattern !== "*" && intoRepo.length > 0) {
      failed = `tsconfig paths ${match.pattern} (${tsconfig.path}): no file at ${intoRepo.join(", ")}`;
    }
  }
  if (tsconfig.baseUrl !== undefined) {
    const path = joinPath(tsconfig.baseUrl, specifier);
    const found = path === undefined ? undefined : locate(ctx, path, false);
    if (found) return { resolution: { kind: "file", path: found.path, via: "baseUrl" } };
  }
  return failed === undefined ? {} : { failed };
}

function fromWorkspace(ctx: BareContext, specifier: string): Resolution | undefined {
  const name = packageNameOf(specifier);
  const pkg = ctx.workspaces.get(name);
  if (!pkg) return undefined;
  const subpath = subpathOf(specifier, name);
  const entry = resolveWorkspaceEntry(ctx, pkg, subpath);
  if (entry) {
    const found: Resolution = { kind: "file", path: entry.path, via: `workspace ${name} ${entry.rule}` };
    if (entry.alternatives) found.alternatives = entry.alternatives;
    return found;
  }
  const where = pkg.dir === "" ? "the repository root" : pkg.dir;
  return {
    kind: "unresolved",
    reason: `workspace package ${name} (${where}) has no file for "${subpath || "."}"`,
  };
}

/**
 * A non-relative specifier, in TypeScript's order: package `#imports`, tsconfig `paths`, `baseUrl`,
 * then workspace packages by name; what is left is a built-in or an external package.
 */
export function resolveBare(
  ctx: BareContext,
  specifier: string,
  fromDir: string,
  tsconfig: Tsconfig | undefined,
  depth = 0,
): Resolution {
  if (specifier.startsWith("node:")) {
    return { kind: "external", packageName: packageNameOf(specifier.slice(5)), builtin: true };
  }
  if (SCHEME.test(specifier)) return { kind: "external", packageName: specifier };
  if (specifier.startsWith("#")) {
    const imported = fromPackageImports(ctx, specifier, fromDir, depth);
    if (imported) return imported;
  }
  const aliased = fromTsconfig(ctx, specifier, tsconfig);
  if (aliased.resolution) return aliased.resolution;
  const workspace = fromWorkspace(ctx, specifier);
  if (workspace) return workspace;
  const name = packageNameOf(specifier);
  if (BUILTINS.has(specifier) || BUILTINS.has(name))
    return { kind: "external", packageName: name, builtin: true };
  if (aliased.failed) return { kind: "unresolved", reason: aliased.failed };
  if (specifier.startsWith("#")) {
    return {
      kind: "unresolved",
      reason: `package imports: no "${specifier}" entry naming a file in the nearest package.json`,
    };
  }
  return { kind: "external", packageName: name };
}
