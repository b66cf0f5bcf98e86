/**
 * Just enough of source maps (v3) to turn a position in code a runner transformed back into the
 * position in the file as written: the coverage collector runs inside a user's test worker, so it
 * carries no dependency of its own. Lines and columns are 0-based; columns count UTF-16 units.
 */

export interface Position {
  line: number;
  column: number;
}

/** Per generated line, its segments as [generatedColumn, originalLine, originalColumn], sorted. */
export type DecodedMappings = number[][][];

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/** Reads the base64 VLQ numbers of one segment. */
function readSegment(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`invalid source map mappings: '${char}'`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * The `mappings` string decoded. Only segments that name an original position are kept, and only
 * from the first source: a transformed module maps back to the one file it was read from.
 */
export function decodeMappings(mappings: string): DecodedMappings {
  const lines: DecodedMappings = [];
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  for (const line of mappings.split(";")) {
    const segments: number[][] = [];
    let generatedColumn = 0;
    for (const text of line.split(",")) {
      if (text === "") continue;
      const values = readSegment(text);
      generatedColumn += values[0] ?? 0;
      if (values.length < 4) continue;
      source += values[1]!;
      originalLine += values[2]!;
      originalColumn += values[3]!;
      if (source === 0) segments.push([generatedColumn, originalLine, originalColumn]);
    }
    segments.sort((a, b) => a[0]! - b[0]!);
    lines.push(segments);
  }
  return lines;
}

/**
 * The segment at or before a generated position on its line: its generated column and the
 * original position it names. The caller decides whether the code between them is negligible.
 */
export function segmentBefore(
  mappings: DecodedMappings,
  generated: Position,
): { column: number; original: Position } | undefined {
  const segments = mappings[generated.line];
  if (!segments) return undefined;
  let low = 0;
  let high = segments.length - 1;
  let found: number[] | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const segment = segments[middle]!;
    if (segment[0]! <= generated.column) {
      found = segment;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (!found) return undefined;
  return { column: found[0]!, original: { line: found[1]!, column: found[2]! } };
}

const INLINE_MAP =
  /\/\/[#@] sourceMappingURL=data:application\/json(?:;charset=[\w-]+)?;base64,([A-Za-z0-9+/=]+)\s*$/m;

/** The `mappings` of a source map inlined at the end of a script, or undefined. */
export function inlineMappings(script: string): string | undefined {
  const tail = script.slice(script.lastIndexOf("sourceMappingURL=data:") - 4);
  const match = INLINE_MAP.exec(tail);
  if (!match) return undefined;
  try {
    const map = JSON.parse(Buffer.from(match[1]!, "base64").toString("utf8")) as { mappings?: unknown };
    return typeof map.mappings === "string" ? map.mappings : undefined;
  } catch {
    return undefined;
  }
}

/** Start offset of every line of a text. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The line and column of an offset, given the text's line starts. */
export function positionOf(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, column: offset - starts[low]! };
}
