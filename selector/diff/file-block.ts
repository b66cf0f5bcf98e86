import { inferPrefixes, sameAfterPrefix, splitGitHeader, stripPrefix } from "./diff-header-paths.js";
import { LineRangeBuilder } from "./line-ranges.js";
import type { ChangeStatus, FileChange } from "./types.js";

/** What the headers of one file's section said, gathered while reading it. */
export interface FileBlock {
  /** `diff --git` section (true) or a plain `---`/`+++` one. */
  git: boolean;
  /** `diff --cc`: a merge's combined diff, whose hunks name several parents. */
  combined: boolean;
  headerRest?: string;
  /** From `---`/`+++`; null for /dev/null. */
  minus?: string | null;
  plus?: string | null;
  renameFrom?: string;
  renameTo?: string;
  copyFrom?: string;
  copyTo?: string;
  oldMode?: string;
  newMode?: string;
  newFile: boolean;
  deletedFile: boolean;
  binary: boolean;
  /** `Binary files X and Y differ` outside a git section: both names, prefixes on. */
  binaryNames?: [string | null, string | null];
  sawHunk: boolean;
  added: LineRangeBuilder;
  removed: LineRangeBuilder;
}

export function newBlock(git: boolean, headerRest?: string): FileBlock {
  return {
    git,
    combined: false,
    ...(headerRest === undefined ? {} : { headerRest }),
    newFile: false,
    deletedFile: false,
    binary: false,
    sawHunk: false,
    added: new LineRangeBuilder(),
    removed: new LineRangeBuilder(),
  };
}

/** The file type bits of a git mode: 100 regular, 120 symlink, 160 submodule. */
const fileType = (mode: string | undefined) => mode?.padStart(6, "0").slice(0, 3);

function gitNames(block: FileBlock): { old?: string; new?: string } {
  const names = block.headerRest === undefined ? undefined : splitGitHeader(block.headerRest);
  const prefixes = inferPrefixes(names, block.renameFrom ?? block.copyFrom, block.renameTo ?? block.copyTo);
  const fromMinus = typeof block.minus === "string" ? stripPrefix(block.minus, prefixes.old) : undefined;
  const fromPlus = typeof block.plus === "string" ? stripPrefix(block.plus, prefixes.new) : undefined;
  const old =
    block.renameFrom ?? block.copyFrom ?? fromMinus ?? (names && stripPrefix(names.old, prefixes.old));
  const next = block.renameTo ?? block.copyTo ?? fromPlus ?? (names && stripPrefix(names.new, prefixes.new));
  return { ...(old === undefined ? {} : { old }), ...(next === undefined ? {} : { new: next }) };
}

/** Plain diffs name files as the tool saw them (`a/x`, `old/src/x`): drop a leading folder both share. */
function plainNames(
  minus: string | null | undefined,
  plus: string | null | undefined,
): { old?: string; new?: string } {
  if (typeof minus === "string" && typeof plus === "string") {
    const lengths = sameAfterPrefix(minus, plus);
    if (lengths) return { old: minus.slice(lengths[0]), new: plus.slice(lengths[1]) };
    if (minus.startsWith("a/") && plus.startsWith("b/")) return { old: minus.slice(2), new: plus.slice(2) };
    return { old: minus, new: plus };
  }
  const old = typeof minus === "string" ? stripPrefix(minus, "a/") : undefined;
  const next = typeof plus === "string" ? stripPrefix(plus, "b/") : undefined;
  return { ...(old === undefined ? {} : { old }), ...(next === undefined ? {} : { new: next }) };
}

function statusOf(block: FileBlock, oldName: string | undefined, newName: string | undefined): ChangeStatus {
  if (block.deletedFile || block.plus === null || newName === undefined) return "deleted";
  if (block.newFile || block.minus === null || oldName === undefined) return "added";
  if (block.renameFrom !== undefined) return "renamed";
  if (block.copyFrom !== undefined) return "copied";
  if (block.oldMode && block.newMode && fileType(block.oldMode) !== fileType(block.newMode))
    return "type-changed";
  if (!block.git && oldName !== newName) return "renamed";
  return "modified";
}

/** Turns a finished section into a FileChange; undefined when it never named a file. */
export function finishBlock(block: FileBlock): FileChange | undefined {
  const [binaryMinus, binaryPlus] = block.binaryNames ?? [block.minus, block.plus];
  if (block.binaryNames) {
    block.minus = binaryMinus;
    block.plus = binaryPlus;
  }
  const names = block.git ? gitNames(block) : plainNames(binaryMinus, binaryPlus);
  if (names.old === undefined && names.new === undefined) return undefined;
  const status = statusOf(block, names.old, names.new);
  const path = status === "deleted" ? names.old! : names.new!;
  return {
    path,
    ...((status === "renamed" || status === "copied") && names.old !== undefined
      ? { oldPath: names.old }
      : {}),
    status,
    binary: block.binary,
    headRanges: block.added.ranges,
    baseRanges: block.removed.ranges,
    ...(status !== "type-changed" && block.oldMode && block.newMode && block.oldMode !== block.newMode
      ? { modeChanged: true as const }
      : {}),
  };
}
