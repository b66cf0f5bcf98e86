import { exportTargets } from "./export-targets.js";
import type { Manifests } from "./manifests.js";
import { childPath, joinPath, packageNameOf, subpathOf } from "./repo-path.js";
import type { ExtendsResolver } from "./tsconfig.js";
import type { WorkspacePackage } from "./types.js";

type Has = (path: string) => boolean;

function withJson(has: Has, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  if (has(path)) return path;
  if (!path.endsWith(".json") && has(`${path}.json`)) return `${path}.json`;
  return has(childPath(path, "tsconfig.json")) ? childPath(path, "tsconfig.json") : undefined;
}

function inPackage(
  has: Has,
  manifests: Manifests,
  pkg: WorkspacePackage,
  subpath: string,
): string | undefined {
  const manifest = manifests.at(pkg.dir);
  if (manifest) {
    for (const target of exportTargets(manifest, subpath === "" ? "." : `./${subpath}`)) {
      const found = withJson(has, joinPath(pkg.dir, target));
      if (found) return found;
    }
  }
  if (subpath !== "") return withJson(has, joinPath(pkg.dir, subpath));
  const field = manifest?.tsconfig;
  if (typeof field === "string") {
    const found = withJson(has, joinPath(pkg.dir, field));
    if (found) return found;
  }
  return withJson(has, childPath(pkg.dir, "tsconfig.json"));
}

/**
 * `extends` as TypeScript reads it: a relative or rooted path (`.json` optional), or a package
 * name with optional subpath. Only packages of this repository (workspaces) can be followed; a
 * base from node_modules (`@tsconfig/node20`) is not in the snapshot and is skipped.
 */
export function createExtendsResolver(
  has: Has,
  manifests: Manifests,
  workspaces: ReadonlyMap<string, WorkspacePackage>,
): ExtendsResolver {
  return (specifier, fromDir) => {
    if (specifier.startsWith(".") || specifier.startsWith("/")) {
      const path = specifier.startsWith("/") ? joinPath("", specifier) : joinPath(fromDir, specifier);
      return withJson(has, path);
    }
    const name = packageNameOf(specifier);
    const pkg = workspaces.get(name);
    return pkg ? inPackage(has, manifests, pkg, subpathOf(specifier, name)) : undefined;
  };
}
