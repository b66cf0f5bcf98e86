import { dependencyNames, type Manifest, type Manifests } from "./manifests.js";
import { dirOf } from "./repo-path.js";

/** `@types/node` types `node`; `@types/babel__core` types `@babel/core`. */
function typedPackage(name: string): string | undefined {
  if (!name.startsWith("@types/")) return undefined;
  const rest = name.slice("@types/".length);
  return rest.includes("__") ? `@${rest.replace("__", "/")}` : rest;
}

function namesOf(manifest: Manifest, into: Set<string>): void {
  if (typeof manifest.name === "string") into.add(manifest.name);
  for (const name of dependencyNames(manifest)) {
    into.add(name);
    const typed = typedPackage(name);
    if (typed) into.add(typed);
  }
}

/**
 * Every package name some package.json of the repository declares: its own name (a
 * self-reference, a workspace package) and its dependencies of every kind, `@types/x` counting
 * for `x`. Undefined when the repository has no package.json: nothing says what is installed.
 */
export function declaredPackages(
  paths: readonly string[],
  manifests: Manifests,
): ReadonlySet<string> | undefined {
  const names = new Set<string>();
  let any = false;
  for (const path of paths) {
    if (path !== "package.json" && !path.endsWith("/package.json")) continue;
    if (path.includes("node_modules/")) continue;
    const manifest = manifests.at(dirOf(path));
    if (!manifest) continue;
    any = true;
    namesOf(manifest, names);
  }
  return any ? names : undefined;
}
