import picomatch from "picomatch";
import { dirOf, joinPath } from "./repo-path.js";

/** Vite skips dependencies when expanding `import.meta.glob`. */
const IGNORED = /(?:^|\/)node_modules\//;

/**
 * Expands glob patterns over a sorted path list. The static prefix of a pattern (`src/pages` in
 * `src/pages/**\/*.tsx`) narrows the scan to one contiguous range found by binary search, so a
 * glob costs the size of its directory, not of the repository.
 */
export class GlobIndex {
  private readonly sorted: string[];
  private readonly cache = new Map<string, string[]>();

  constructor(paths: readonly string[]) {
    this.sorted = [...paths].sort();
  }

  /** Repository paths matching a repository-relative glob. */
  match(pattern: string): string[] {
    const cached = this.cache.get(pattern);
    if (cached) return cached;
    const scan = picomatch.scan(pattern);
    // A pattern without glob characters is one path; its directory is the range to look in.
    const base = scan.isGlob ? scan.base : dirOf(pattern);
    const isMatch = picomatch(pattern, { dot: false });
    const result: string[] = [];
    for (const path of this.under(base)) {
      if (!IGNORED.test(path) && isMatch(path)) result.push(path);
    }
    this.cache.set(pattern, result);
    return result;
  }

  private *under(dir: string): Generator<string> {
    if (dir === "") {
      yield* this.sorted;
      return;
    }
    const prefix = `${dir}/`;
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.sorted[mid] ?? "") < prefix) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.sorted.length; i++) {
      const path = this.sorted[i] ?? "";
      if (!path.startsWith(prefix)) return;
      yield path;
    }
  }
}

/**
 * A pattern as written in `import.meta.glob` made repository-relative: `./` and `../` against the
 * importing file's directory, `/` against the package root. Undefined when it leaves the repository.
 */
export function globToRepoPattern(pattern: string, fromDir: string, packageDir: string): string | undefined {
  if (pattern.startsWith("/")) return joinPath(packageDir, pattern.slice(1));
  if (pattern.startsWith("./") || pattern.startsWith("../")) {
    // Split off the static part so `..` is normalised without touching the glob characters.
    const { base, glob } = picomatch.scan(pattern);
    const dir = joinPath(fromDir, base);
    if (dir === undefined) return undefined;
    return dir === "" ? glob : glob === "" ? dir : `${dir}/${glob}`;
  }
  return undefined;
}
