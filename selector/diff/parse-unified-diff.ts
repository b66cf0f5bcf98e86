import { DiffParseError } from "./diff-parse-error.js";
import { type FileBlock, finishBlock, newBlock } from "./file-block.js";
import { readCombinedHunk } from "./parse-combined-hunk.js";
import { readHunk } from "./parse-hunk.js";
import { readHeaderPath, readQuoted } from "./quoted-path.js";
import type { FileChange } from "./types.js";

/** GNU `diff -N` marks a missing side with the epoch as its timestamp instead of /dev/null. */
const EPOCH = /^(1970-01-01|1969-12-31) /;

/** A `---`/`+++` name: null for /dev/null; `epoch` when GNU `diff -N` stands in a missing file. */
function headerPath(text: string): { path: string | null; epoch: boolean } {
  const { path, trailer } = readHeaderPath(text.replace(/\r$/, ""));
  return { path: path === "/dev/null" ? null : path, epoch: EPOCH.test(trailer) };
}

/** A name on a `rename from`/`copy to` line: no prefix, quoted when unusual. */
const extendedPath = (text: string) => (text.startsWith('"') ? (readQuoted(text)?.value ?? text) : text);

const EXTENDED: [RegExp, (block: FileBlock, value: string) => void][] = [
  [
    /^old mode (\d+)$/,
    (b, v) => {
      b.oldMode = v;
    },
  ],
  [
    /^new mode (\d+)$/,
    (b, v) => {
      b.newMode = v;
    },
  ],
  [
    /^deleted file mode (\d+)$/,
    (b, v) => {
      b.deletedFile = true;
      b.oldMode = v;
    },
  ],
  [
    /^new file mode (\d+)$/,
    (b, v) => {
      b.newFile = true;
      b.newMode = v;
    },
  ],
  [
    /^rename (?:from|old) (.+)$/,
    (b, v) => {
      b.renameFrom = extendedPath(v);
    },
  ],
  [
    /^rename (?:to|new) (.+)$/,
    (b, v) => {
      b.renameTo = extendedPath(v);
    },
  ],
  [
    /^copy from (.+)$/,
    (b, v) => {
      b.copyFrom = extendedPath(v);
    },
  ],
  [
    /^copy to (.+)$/,
    (b, v) => {
      b.copyTo = extendedPath(v);
    },
  ],
];

function applyExtended(block: FileBlock, line: string): boolean {
  for (const [pattern, apply] of EXTENDED) {
    const match = pattern.exec(line);
    if (match) {
      apply(block, match[1]!);
      return true;
    }
  }
  return false;
}

/** `Binary files X and Y differ`: split at the " and " that makes both names one file. */
function binaryNames(line: string): [string | null, string | null] {
  const body = line.slice("Binary files ".length, -" differ".length);
  const splits = [...body.matchAll(/ and /g)].map((m) => m.index);
  const pick = splits.find(
    (at) =>
      body.slice(0, at).split("/").slice(1).join("/") ===
      body
        .slice(at + 5)
        .split("/")
        .slice(1)
        .join("/"),
  );
  const at = pick ?? splits[0] ?? body.length;
  return [headerPath(body.slice(0, at)).path, headerPath(body.slice(at + 5)).path];
}

/**
 * Combine git's two sections for a symlink that became a file (or back): a deletion then an
 * addition of the same path.
 */
function mergeTypeChanges(changes: FileChange[]): FileChange[] {
  const out: FileChange[] = [];
  for (const change of changes) {
    const previous = out[out.length - 1];
    if (previous?.status === "deleted" && change.status === "added" && previous.path === change.path) {
      out[out.length - 1] = {
        ...change,
        status: "type-changed",
        binary: previous.binary || change.binary,
        baseRanges: previous.baseRanges,
      };
      continue;
    }
    out.push(change);
  }
  return out;
}

function setFileNames(
  block: FileBlock,
  minus: ReturnType<typeof headerPath>,
  plus: ReturnType<typeof headerPath>,
) {
  block.minus = minus.path;
  block.plus = plus.path;
  if (block.git) return;
  if (minus.epoch) block.newFile = true;
  else if (plus.epoch) block.deletedFile = true;
}

interface State {
  lines: string[];
  block: FileBlock | undefined;
  changes: FileChange[];
}

function finish(state: State, next?: FileBlock): void {
  const change = state.block && finishBlock(state.block);
  if (change) state.changes.push(change);
  state.block = next;
}

/** Handles one line outside hunk bodies; returns the index of the next line to read. */
function step(state: State, i: number): number {
  const line = state.lines[i]!.replace(/\r$/, "");
  const block = state.block;
  if (line.startsWith("diff --git ")) {
    finish(state, newBlock(true, line.slice("diff --git ".length)));
  } else if (line.startsWith("diff --cc ") || line.startsWith("diff --combined ")) {
    const name = readHeaderPath(line.replace(/^diff --(cc|combined) /, "")).path;
    // Combined diffs name the file once, unprefixed; their ---/+++ lines carry a/ and b/.
    const combined = newBlock(true, `a/${name} b/${name}`);
    combined.combined = true;
    finish(state, combined);
  } else if (block?.git && !block.sawHunk && block.minus === undefined && applyExtended(block, line)) {
    // extended header line, recorded
  } else if (line.startsWith("--- ") && state.lines[i + 1]?.startsWith("+++ ")) {
    if (!block?.git || block.sawHunk || block.minus !== undefined) finish(state, newBlock(false));
    setFileNames(state.block!, headerPath(line.slice(4)), headerPath(state.lines[i + 1]!.slice(4)));
    return i + 2;
  } else if (line.startsWith("@@ ") && block && !block.combined) {
    block.sawHunk = true;
    return readHunk(state.lines, i, block);
  } else if (line.startsWith("@@@") && block?.combined) {
    block.sawHunk = true;
    return readCombinedHunk(state.lines, i, block);
  } else if (line.startsWith("Binary files ") && line.endsWith(" differ")) {
    if (!block?.git || block.sawHunk) finish(state, { ...newBlock(false), binaryNames: binaryNames(line) });
    state.block!.binary = true;
  } else if (line === "GIT binary patch" && block) {
    block.binary = true;
  }
  return i + 1;
}

/**
 * Parses a unified diff (git's, with or without prefixes, any -U; GNU `diff -u`; a
 * `git format-patch` mail) into one FileChange per file. Text between files (mail headers,
 * commit messages, `index` lines) is skipped. Throws DiffParseError on a malformed hunk, or
 * when non-blank text holds no diff at all, so a wrong input never reads as "nothing changed".
 */
export function parseUnifiedDiff(text: string, source?: string): FileChange[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const state: State = { lines, block: undefined, changes: [] };
  try {
    for (let i = 0; i < lines.length; ) i = step(state, i);
    finish(state);
  } catch (error) {
    if (error instanceof DiffParseError && source !== undefined) {
      throw new DiffParseError(error.detail, {
        source,
        ...(error.line === undefined ? {} : { line: error.line }),
        cause: error,
      });
    }
    throw error;
  }
  if (state.changes.length === 0 && text.trim() !== "") {
    throw new DiffParseError("no diff found: expected `diff --git` or `---`/`+++` file headers", {
      line: 1,
      ...(source === undefined ? {} : { source }),
    });
  }
  return mergeTypeChanges(state.changes);
}
