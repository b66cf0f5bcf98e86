import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import type { RepoSnapshot } from "../repo/types.js";
import { dependencyNames, type Manifest, type Manifests } from "./manifests.js";
import { dirOf } from "./repo-path.js";
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
  for (const path of snapshot.paths) {
    if (!path.endsWith("/package.json") || path.includes("node_modules/")) continue;
    const dir = dirOf(path);
    const manifest = matches(dir) ? manifests.at(dir) : undefined;
    if (manifest) add(dir, manifest);
  }
  return { packages, byName };
}
