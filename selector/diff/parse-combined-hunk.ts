import { DiffParseError } from "./diff-parse-error.js";
import type { HunkSink } from "./parse-hunk.js";

/**
 * Reads a combined-diff hunk (`git show` of a merge): `@@@ -a,b -c,d +e,f @@@` with one marker
 * column per parent. Head lines carrying a `+` in any column are added; base ranges are
 * numbered in the first parent. Returns the index after the body.
 */
export function readCombinedHunk(lines: readonly string[], at: number, sink: HunkSink): number {
  const header = lines[at]!;
  const marker = /^(@{3,}) /.exec(header)?.[1] ?? "";
  const parents = marker.length - 1;
  const ranges = [...header.slice(marker.length).matchAll(/ ([-+])(\d+)(?:,(\d+))?/g)].slice(0, parents + 1);
  if (parents < 2 || ranges.length !== parents + 1) {
    throw new DiffParseError(`malformed combined hunk header: ${header.slice(0, 80)}`, { line: at + 1 });
  }
  const left = ranges.map((m) => (m[3] === undefined ? 1 : Number(m[3])));
  let firstParentLine = Number(ranges[0]![2]);
  let newLine = Number(ranges[parents]![2]);
  let i = at + 1;
  while (left.some((count) => count > 0)) {
    const line = lines[i];
    if (line === undefined || line.length < parents || !/^[-+ ]+$/.test(line.slice(0, parents))) {
      if (line?.startsWith("\\")) {
        i++;
        continue;
      }
      throw new DiffParseError(`combined hunk "${header}" ends early at line ${i + 1}`, { line: at + 1 });
    }
    const columns = line.slice(0, parents);
    for (let p = 0; p < parents; p++) if (columns[p] !== "+") left[p]!--;
    if (columns[0] === "-") sink.removed.add(firstParentLine);
    if (columns[0] !== "+") firstParentLine++;
    if (!columns.includes("-")) {
      if (columns.includes("+")) sink.added.add(newLine);
      newLine++;
      left[parents]!--;
    }
    i++;
  }
  return i;
}
