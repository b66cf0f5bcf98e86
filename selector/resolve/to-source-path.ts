import { pathInside } from "./repo-path.js";

/**
 * Folders packages publish build output to. A manifest pointing into one of them names a file that
 * is usually not committed; the source it was built from is what a change touches.
 */
const OUTPUT_DIRS = new Set(["dist", "lib", "build", "out", "esm", "cjs", "types", "module", "es", "umd"]);

const BUILD_EXTENSION = /(?:\.d\.[cm]?ts|\.[cm]?js|\.jsx)$/;

/** Where a package's tsconfig says its output goes, as repository paths. */
export interface OutputLayout {
  outDir: string;
  rootDir?: string;
}

/** True when `path` (inside `pkgDir`) sits in a build-output folder. */
export function isBuildOutput(pkgDir: string, path: string, layout?: OutputLayout): boolean {
  if (layout && pathInside(layout.outDir, path) !== undefined) return true;
  const inside = pathInside(pkgDir, path);
  const first = inside?.split("/")[0];
  return first !== undefined && OUTPUT_DIRS.has(first);
}

/**
 * Extensionless source stems a build-output path may come from, most likely first: the tsconfig
 * outDir -> rootDir (or src) mapping when known, else the leading output folders (one or two, as in
 * `dist/esm/`) replaced by `src` and by nothing; with no output folder, the path itself and then under
 * `src/`. The caller probes TS extensions on each stem.
 */
export function sourceStems(pkgDir: string, path: string, layout?: OutputLayout): string[] {
  const stem = path.replace(BUILD_EXTENSION, "");
  const stems: string[] = [];
  const add = (candidate: string): void => {
    if (candidate !== "" && !stems.includes(candidate)) stems.push(candidate);
  };
  const join = (dir: string, rest: string): string =>
    dir === "" ? rest : rest === "" ? dir : `${dir}/${rest}`;
  if (layout) {
    const inOut = pathInside(layout.outDir, stem);
    if (inOut !== undefined) {
      add(join(layout.rootDir ?? join(pkgDir, "src"), inOut));
      if (!layout.rootDir) add(join(pkgDir, inOut));
    }
  }
  const inside = pathInside(pkgDir, stem);
  if (inside === undefined) return stems;
  const segments = inside.split("/");
  let leading = 0;
  while (leading < 2 && leading < segments.length - 1 && OUTPUT_DIRS.has(segments[leading] ?? "")) leading++;
  for (let strip = leading; strip >= 1; strip--) {
    const rest = segments.slice(strip).join("/");
    add(join(pkgDir, join("src", rest)));
    add(join(pkgDir, rest));
  }
  if (stem !== path) add(stem);
  // Packages that publish from the package root (`./v4/index.js` built from `src/v4/index.ts`).
  if (leading === 0) add(join(pkgDir, join("src", inside)));
  return stems;
}
