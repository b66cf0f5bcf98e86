import type { Manifests } from "./manifests.js";
import { ancestors, dirOf, joinPath } from "./repo-path.js";
import type { Resolution } from "./types.js";

/** `file:vendor/dep-1.0.0.tgz`, `file:../dep.tar.gz`: a tarball of the repository, installed as the package. */
const TARBALL = /^file:(.+\.(?:tgz|tar\.gz|tar))$/;
const FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;

export interface TarballDependency {
  /** The folder of the package.json that declares it. */
  from: string;
  tarball: string;
}

/** Package names declared as `file:` tarballs, with the tarball each package.json names. */
export function tarballDependencies(
  paths: readonly string[],
  manifests: Manifests,
  has: (path: string) => boolean,
): Map<string, TarballDependency[]> {
  const byName = new Map<string, TarballDependency[]>();
  for (const path of paths) {
    if ((path !== "package.json" && !path.endsWith("/package.json")) || path.includes("node_modules/"))
      continue;
    const from = dirOf(path);
    const manifest = manifests.at(from);
    for (const field of FIELDS) {
      const deps = manifest?.[field];
      if (!deps || typeof deps !== "object") continue;
      for (const [name, spec] of Object.entries(deps)) {
        const target = typeof spec === "string" ? TARBALL.exec(spec)?.[1] : undefined;
        const tarball = target === undefined ? undefined : joinPath(from, target.replace(/^\.\//, ""));
        if (tarball === undefined || !has(tarball)) continue;
        byName.set(name, [...(byName.get(name) ?? []), { from, tarball }]);
      }
    }
  }
  return byName;
}

/**
 * `import "dep"` where a package.json declares `"dep": "file:vendor/dep-1.0.0.tgz"`: the installed
 * package is what the tarball holds, so the import depends on the tarball file. The declarations
 * of the importer's folder and those above it decide; when none of them declares it (a workspace's
 * dependency hoisted to the root), every tarball the repository declares under that name counts.
 */
export function fromTarball(
  tarballs: ReadonlyMap<string, TarballDependency[]>,
  name: string,
  fromDir: string,
): Resolution | undefined {
  const declared = tarballs.get(name);
  if (!declared) return undefined;
  const above = new Set(ancestors(fromDir));
  // The nearest declaration first: Node finds its node_modules before those above.
  const near = declared.filter((dep) => above.has(dep.from)).sort((a, b) => b.from.length - a.from.length);
  const files = [...new Set((near.length > 0 ? near : declared).map((dep) => dep.tarball))];
  return {
    kind: "file",
    path: files[0]!,
    packageName: name,
    via: `file: dependency on the tarball ${files[0]}`,
    ...(files.length > 1 ? { alternatives: files.slice(1) } : {}),
  };
}
