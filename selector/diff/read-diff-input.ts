import { readFile } from "node:fs/promises";
import { text as readStream } from "node:stream/consumers";
import { DiffParseError } from "./diff-parse-error.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";
import type { Diff } from "./types.js";

export { DiffParseError };

/**
 * A unified diff given as `--diff FILE` (or `-` for standard input), parsed. Errors name the
 * file and line: a malformed hunk, text holding no diff, or a file that cannot be read.
 */
export async function readDiffInput(
  source: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<Diff> {
  let text: string;
  try {
    text = source === "-" ? await readStream(stdin) : await readFile(source, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DiffParseError(`cannot read the diff: ${reason}`, { source, cause: error });
  }
  return parseDiffText(text, source);
}

/** Parses diff text from `source`; an empty diff is valid and changes nothing. */
export function parseDiffText(text: string, source: string): Diff {
  return { files: parseUnifiedDiff(text, source === "-" ? "<stdin>" : source) };
}
