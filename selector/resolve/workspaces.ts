import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import type { RepoSnapshot } from "../repo/types.js";
import { dependencyNames, type Manifest, type Manifests } from "./manifests.js";
import { dirOf, joinPath } from "./repo-path.js";
import type { ResolverWarning, WorkspacePackage } from "./types.js";

export interface WorkspaceIndex {
  packages: WorkspacePackage[];
  byName: Map<string, WorkspacePackage>;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** npm/yarn `workspaces`: an array, or yarn's `{ packages: [...] }`. */
function manifestPatterns(root: Manifest | undefined): string[] {
  const value = root?.workspaces;
  if (Array.isArray(value)) return strings(value);
  if (value && typeof value === "object") return strings((value as { packages?: unknown }).packages);
  return [];
}

function pnpmPatterns(snapshot: RepoSnapshot, warnings: ResolverWarning[]): string[] {
  const text = snapshot.readText("pnpm-workspace.yaml");
  if (text === undefined) return [];
  try {
    const value: unknown = parseYaml(text);
    return value && typeof value === "object" ? strings((value as { packages?: unknown }).packages) : [];
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    warnings.push({ file: "pnpm-workspace.yaml", message: `pnpm-workspace.yaml: invalid YAML (${detail})` });
    return [];
  }
}

/** Globs as written (`./packages/*`, `apps/**\/`) to a matcher over package directories. */
function dirMatcher(patterns: string[]): (dir: string) => boolean {
  const clean = (pattern: string): string =>
    pattern
      .replace(/^\.\//, "")
      .replace(/\/+$/, "")
      .replace(/\/package\.json$/, "");
  const include = patterns.filter((p) => !p.startsWith("!")).map(clean);
  const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => clean(p.slice(1)));
  if (include.length === 0) return () => false;
  const isIncluded = picomatch(include);
  const isExcluded = exclude.length > 0 ? picomatch(exclude) : () => false;
  return (dir) => isIncluded(dir) && !isExcluded(dir);
}

/**
 * Workspace packages: directories matched by the root `workspaces` globs or pnpm-workspace.yaml
 * that hold a package.json, plus the root package itself (dir ""), so it can import itself by name.
 */
export function discoverWorkspaces(
  snapshot: RepoSnapshot,
  manifests: Manifests,
  warnings: ResolverWarning[],
): WorkspaceIndex {
  const root = manifests.at("");
  const matches = dirMatcher([...manifestPatterns(root), ...pnpmPatterns(snapshot, warnings)]);
  const packages: WorkspacePackage[] = [];
  const byName = new Map<string, WorkspacePackage>();
  const add = (dir: string, manifest: Manifest): void => {
    const name = typeof manifest.name === "string" ? manifest.name : "";
    const pkg: WorkspacePackage = { name, dir, dependencies: dependencyNames(manifest) };
    packages.push(pkg);
    if (name !== "" && !byName.has(name)) byName.set(name, pkg);
  };
  if (root) add("", root);
  const manifestDirs = snapshot.paths
    .filter((path) => path.endsWith("/package.json") && !path.includes("node_modules/"))
    .map(dirOf);
  for (const dir of manifestDirs) {
    const manifest = matches(dir) ? manifests.at(dir) : undefined;
    if (manifest) add(dir, manifest);
  }
  for (const { name, dir } of localDependencies(manifests, ["", ...manifestDirs])) {
    const manifest = manifests.at(dir);
    if (!manifest || byName.has(name) || packages.some((pkg) => pkg.dir === dir)) continue;
    const pkg: WorkspacePackage = { name, dir, dependencies: dependencyNames(manifest) };
    packages.push(pkg);
    byName.set(name, pkg);
  }
  return { packages, byName };
}

const LOCAL_SPECIFIER = /^(?:file|link|portal):(.+)$/;

/**
 * Dependencies on a folder of the repository (`"utils": "file:../utils"`, pnpm's and yarn's
 * `link:`/`portal:`): installed as a link under the dependency's name, so importing that name
 * loads the folder's files, as a workspace package's would.
 */
function localDependencies(manifests: Manifests, dirs: readonly string[]): { name: string; dir: string }[] {
  const found: { name: string; dir: string }[] = [];
  for (const from of dirs) {
    const manifest = manifests.at(from);
    for (const field of ["dependencies", "devDependencies", "optionalDependencies"] as const) {
      const deps = manifest?.[field];
      if (!deps || typeof deps !== "object") continue;
      for (const [name, spec] of Object.entries(deps)) {
        const target = typeof spec === "string" ? LOCAL_SPECIFIER.exec(spec)?.[1] : undefined;
        const dir = target === undefined ? undefined : joinPath(from, target);
        if (dir !== undefined) found.push({ name, dir });
      }
    }
  }
  return found;
}
