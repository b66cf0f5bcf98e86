import { type Static, Type } from "@sinclair/typebox";
import { StringEnum } from "../../contract/common.js";
import { parseUnifiedDiff } from "../../selector/diff/parse-unified-diff.js";
import type { ChangeStatus, Diff, FileChange } from "../../selector/diff/types.js";

/** The compare API lists at most this many files; a longer change cannot be trusted as complete. */
export const COMPARE_FILE_LIMIT = 300;

const CompareFile = Type.Object({
  filename: Type.String({ minLength: 1 }),
  status: StringEnum(["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]),
  previous_filename: Type.Optional(Type.String()),
  patch: Type.Optional(Type.String()),
});

/** The part of `GET /repos/{o}/{r}/compare/{base}...{head}` the action reads. */
export const CompareResponse = Type.Object({
  merge_base_commit: Type.Object({ sha: Type.String({ pattern: "^[0-9a-f]{40,64}$" }) }),
  files: Type.Optional(Type.Array(CompareFile)),
});
export type CompareResponse = Static<typeof CompareResponse>;

const STATUS: Record<Static<typeof CompareFile>["status"], ChangeStatus | undefined> = {
  added: "added",
  removed: "deleted",
  modified: "modified",
  renamed: "renamed",
  copied: "copied",
  changed: "type-changed",
  unchanged: undefined,
};

/** One file of the compare answer as the selector's FileChange; no patch means "the whole file". */
function fileChange(file: Static<typeof CompareFile>, status: ChangeStatus): FileChange {
  const oldPath = file.previous_filename ?? file.filename;
  const change: FileChange = {
    path: file.filename,
    status,
    binary: file.patch === undefined,
    headRanges: [],
    baseRanges: [],
  };
  if (file.previous_filename && (status === "renamed" || status === "copied")) change.oldPath = oldPath;
  if (file.patch === undefined) return change;
  const from = status === "added" ? "/dev/null" : `a/${oldPath}`;
  const to = status === "deleted" ? "/dev/null" : `b/${file.filename}`;
  const parsed = parseUnifiedDiff(`--- ${from}\n+++ ${to}\n${file.patch}\n`)[0];
  if (parsed) {
    change.headRanges = parsed.headRanges;
    change.baseRanges = parsed.baseRanges;
  }
  return change;
}

/**
 * The compare API's answer as a Diff (pure). Undefined with a reason when it cannot stand in
 * for git: the file list may be cut off.
 */
export function diffFromCompare(
  response: CompareResponse,
  headSha: string,
): { diff: Diff; mergeBase: string } | { reason: string } {
  const files = response.files ?? [];
  if (files.length >= COMPARE_FILE_LIMIT) {
    return { reason: `the compare API lists at most ${COMPARE_FILE_LIMIT} files and this change has more` };
  }
  const changes: FileChange[] = [];
  for (const file of files) {
    const status = STATUS[file.status];
    if (status) changes.push(fileChange(file, status));
  }
  const mergeBase = response.merge_base_commit.sha;
  return { diff: { base: mergeBase, head: headSha, files: changes }, mergeBase };
}
