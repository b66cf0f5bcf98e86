/**
 * Read access to one revision of a repository, already listed. The selector's functions take
 * this instead of touching the file system, so they stay pure and testable on literal trees.
 */
export interface RepoSnapshot {
  /** Every file path at this revision (repository-relative, POSIX). */
  readonly paths: readonly string[];
  has(path: string): boolean;
  /** Text of a small file (package.json, tsconfig, lockfiles…), undefined when absent. */
  readText(path: string): string | undefined;
}

/** A snapshot over an in-memory map; used by tests and by callers that already hold the files. */
export function snapshotFromRecord(files: Record<string, string>): RepoSnapshot {
  const map = new Map(Object.entries(files));
  return {
    paths: [...map.keys()].sort(),
    has: (path) => map.has(path),
    readText: (path) => map.get(path),
  };
}
