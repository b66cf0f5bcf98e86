import type { NameStatusCode, NameStatusEntry, NumstatEntry } from "./parse-name-status.js";
import type { ChangeStatus, FileChange } from "./types.js";

const STATUS: Record<NameStatusCode, ChangeStatus> = {
  A: "added",
  C: "copied",
  D: "deleted",
  M: "modified",
  R: "renamed",
  T: "type-changed",
  U: "modified",
  X: "modified",
};

const key = (path: string, oldPath?: string) => `${oldPath ?? ""}\0${path}`;

/**
 * Joins git's three views of one diff: `--name-status -z` decides which files changed, their
 * names and statuses (its paths are verbatim); `--numstat -z` says which are binary; the patch
 * gives line ranges. Returns the files, and the names listed whose patch was not found.
 */
export function mergeDiffListings(
  nameStatus: readonly NameStatusEntry[],
  numstat: readonly NumstatEntry[],
  patch: readonly FileChange[],
): { files: FileChange[]; unmatched: string[] } {
  const patches = new Map(patch.map((change) => [key(change.path, change.oldPath), change]));
  const binary = new Set(
    numstat.filter((entry) => entry.binary).map((entry) => key(entry.path, entry.oldPath)),
  );
  const files: FileChange[] = [];
  const unmatched: string[] = [];
  for (const entry of nameStatus) {
    const status = STATUS[entry.status];
    const oldPath = status === "renamed" || status === "copied" ? entry.oldPath : undefined;
    const found = patches.get(key(entry.path, oldPath));
    if (!found) unmatched.push(entry.path);
    files.push({
      path: entry.path,
      ...(oldPath === undefined ? {} : { oldPath }),
      status,
      binary: binary.has(key(entry.path, entry.oldPath)) || (found?.binary ?? false),
      headRanges: found?.headRanges ?? [],
      baseRanges: found?.baseRanges ?? [],
      ...(found?.modeChanged ? { modeChanged: true as const } : {}),
    });
  }
  return { files, unmatched };
}
