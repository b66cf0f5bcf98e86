import { PROBE_EXTENSIONS } from "./probe-extensions.js";

/**
 * The snapshot's paths indexed for probing. Trying ten extensions by building ten strings and
 * hashing each dominated resolution time; instead each directory maps a file's name without a
 * probe extension (`a` for `a.ts`, `a.d` and `a` for `a.d.ts`) to the extensions present, so one
 * probe is two map lookups whatever the number of candidates.
 */
export class FileIndex {
  private readonly all: ReadonlySet<string>;
  private readonly dirs = new Map<string, Map<string, string[]>>();

  constructor(paths: readonly string[]) {
    this.all = new Set(paths);
    for (const path of paths) {
      const slash = path.lastIndexOf("/");
      const dir = slash === -1 ? "" : path.slice(0, slash);
      const name = path.slice(slash + 1);
      let stems = this.dirs.get(dir);
      if (!stems) {
        stems = new Map();
        this.dirs.set(dir, stems);
      }
      for (const extension of PROBE_EXTENSIONS) {
        if (!name.endsWith(extension) || name.length === extension.length) continue;
        const stem = name.slice(0, -extension.length);
        const present = stems.get(stem);
        if (present) present.push(extension);
        else stems.set(stem, [extension]);
      }
    }
  }

  has(path: string): boolean {
    return this.all.has(path);
  }

  /** `path + extension` for the first of `extensions` that exists. */
  withExtension(path: string, extensions: readonly string[]): string | undefined {
    const slash = path.lastIndexOf("/");
    const present = this.dirs.get(slash === -1 ? "" : path.slice(0, slash))?.get(path.slice(slash + 1));
    if (!present) return undefined;
    for (const extension of extensions) if (present.includes(extension)) return path + extension;
    return undefined;
  }
}
