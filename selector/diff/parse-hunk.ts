import { DiffParseError } from "./diff-parse-error.js";
import type { LineRangeBuilder } from "./line-ranges.js";

export interface HunkHeader {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

const HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** `@@ -a,b +c,d @@ section`; an omitted count means 1. Undefined when the line is not one. */
export function parseHunkHeader(line: string): HunkHeader | undefined {
  const match = HEADER.exec(line);
  if (!match) return undefined;
  return {
    oldStart: Number(match[1]),
    oldCount: match[2] === undefined ? 1 : Number(match[2]),
    newStart: Number(match[3]),
    newCount: match[4] === undefined ? 1 : Number(match[4]),
  };
}

export interface HunkSink {
  added: LineRangeBuilder;
  removed: LineRangeBuilder;
}

/**
 * Reads the body of the hunk whose header is `lines[at]`, adding its removed lines (base
 * numbering) and added lines (head numbering) to `sink`. The header's counts decide where the
 * body ends, so a body line such as `--- x` is never mistaken for the next file's header.
 * Returns the index of the first line after the body.
 */
export function readHunk(lines: readonly string[], at: number, sink: HunkSink): number {
  const header = parseHunkHeader(lines[at]!);
  if (!header)
    throw new DiffParseError(`malformed hunk header: ${lines[at]!.slice(0, 80)}`, { line: at + 1 });
  let oldLeft = header.oldCount;
  let newLeft = header.newCount;
  let oldLine = header.oldStart;
  let newLine = header.newStart;
  let i = at + 1;
  while (oldLeft > 0 || newLeft > 0) {
    const line = lines[i];
    const kind = line === undefined ? "eof" : line === "" || line === "\r" ? " " : line[0];
    if (kind === "\\") {
      i++;
      continue;
    }
    if ((kind === " " || kind === "-") && oldLeft === 0) break;
    if ((kind === " " || kind === "+") && newLeft === 0) break;
    if (kind === " ") {
      oldLeft--;
      newLeft--;
      oldLine++;
      newLine++;
    } else if (kind === "-") {
      sink.removed.add(oldLine++);
      oldLeft--;
    } else if (kind === "+") {
      sink.added.add(newLine++);
      newLeft--;
    } else {
      break;
    }
    i++;
  }
  if (oldLeft > 0 || newLeft > 0) {
    throw new DiffParseError(
      `hunk "${lines[at]}" ends early: ${oldLeft} base and ${newLeft} head lines missing at line ${i + 1}`,
      { line: at + 1 },
    );
  }
  return i;
}
