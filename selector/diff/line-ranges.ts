import type { LineRange } from "./types.js";

/** Collects line numbers given in ascending order into merged inclusive ranges. */
export class LineRangeBuilder {
  readonly ranges: LineRange[] = [];

  add(line: number): void {
    const last = this.ranges[this.ranges.length - 1];
    if (last && line <= last.end + 1) {
      if (line > last.end) last.end = line;
      return;
    }
    this.ranges.push({ start: line, end: line });
  }
}

/** The range covering a whole file of `lines` lines; none for an empty file. */
export const wholeFile = (lines: number): LineRange[] => (lines > 0 ? [{ start: 1, end: lines }] : []);
