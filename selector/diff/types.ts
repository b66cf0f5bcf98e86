/** One changed file between two revisions. Paths are repository-relative, POSIX-separated. */
export type ChangeStatus = "added" | "modified" | "deleted" | "renamed" | "copied" | "type-changed";

/** Inclusive 1-based line range. */
export interface LineRange {
  start: number;
  end: number;
}

export interface FileChange {
  /** Path at head; for a deleted file, its path at base. */
  path: string;
  /** Path at base, for renamed and copied files. */
  oldPath?: string;
  status: ChangeStatus;
  binary: boolean;
  /** Lines added or changed, numbered in the head version. */
  headRanges: LineRange[];
  /**
   * Lines removed, numbered in the base version. A pure deletion inside a file shows here only,
   * so symbol mapping needs the base version's declarations too.
   */
  baseRanges: LineRange[];
  /**
   * The file's mode changed within its type (`old mode 100755`, `new mode 100644`): a script run as a
   * program (`execFileSync(path)`) stops or starts being executable, with no line changed.
   */
  modeChanged?: true;
}

export interface Diff {
  /** The revision the change is measured from (the merge-base), when known. */
  base?: string;
  head?: string;
  files: FileChange[];
}
