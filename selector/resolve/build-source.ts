import type { PackageContext } from "./package-entry.js";
import { probeFile } from "./probe-file.js";
import { dirOf, joinPath, pathInside } from "./repo-path.js";
import type { Resolution } from "./types.js";

/**
 * A path no commit holds inside a package's build output (`dist/cli.js`, written by `tsc`): the
 * source it is built from, when the package's tsconfig declares both `outDir` and `rootDir`, so the
 * mapping is certain (`dist/cli.js` from `src/cli.ts`). Undefined otherwise: with no `rootDir`, tsc
 * picks the common folder of its inputs, and a guess is no ground to skip a test on.
 */
export function buildSource(ctx: PackageContext, path: string): Resolution | undefined {
  const pkgDir = ctx.manifests.packageDirOf(dirOf(path)) ?? "";
  const layout = ctx.layoutOf(pkgDir);
  if (layout?.rootDir === undefined || layout.outDir === "" || layout.outDir === layout.rootDir)
    return undefined;
  const inside = pathInside(layout.outDir, path);
  if (inside === undefined || inside === "") return undefined;
  const stem = joinPath(layout.rootDir, inside);
  const source = stem === undefined ? undefined : probeFile(ctx.files, stem);
  if (!source) return undefined;
  return {
    kind: "file",
    path: source.path,
    via: `build output: ${layout.outDir}/ is built from ${layout.rootDir || "."}/ (tsconfig outDir, rootDir)`,
  };
}
