import { SourceMap } from "node:module";

/**
 * Source maps, to turn a position in code a runner transformed back into the position in the file
 * as written. Decoding is Node's own (`module.SourceMap`, docs/decisions.md): the coverage collector
 * runs inside a user's test worker, so it carries no dependency of its own. Lines and columns are
 * 0-based; columns count UTF-16 units.
 */

export interface Position {
  line: number;
  column: number;
}

/** A script's source map, asked for the segment at or before a generated position. */
export interface ScriptMap {
  /**
   * The segment at or before a generated position on the same line: its generated column and the
   * original position it names. Only the map's first source counts: a transformed module maps back
   * to the one file it was read from. The caller decides whether the code between is negligible.
   */
  segmentBefore(generated: Position): { column: number; original: Position } | undefined;
}

/** Node's entry for a position: empty when nothing maps at or before it. */
interface Entry {
  generatedLine?: number;
  generatedColumn?: number;
  originalSource?: string;
  originalLine?: number;
  originalColumn?: number;
}

export function scriptMap(payload: { sources: string[]; mappings: string }): ScriptMap {
  const map = new SourceMap({
    version: 3,
    file: "",
    sourceRoot: "",
    sourcesContent: [],
    names: [],
    ...payload,
  });
  // Node resolves the sources it reports; its own payload holds them as it reports them.
  const first = (map.payload as { sources: string[] }).sources[0];
  return {
    segmentBefore(generated) {
      const entry = map.findEntry(generated.line, generated.column) as Entry;
      // Node falls back to an earlier line's segment, which says nothing of this line.
      if (entry.generatedLine !== generated.line || entry.originalSource !== first) return undefined;
      return {
        column: entry.generatedColumn!,
        original: { line: entry.originalLine!, column: entry.originalColumn! },
      };
    },
  };
}

const INLINE_MAP =
  /\/\/[#@] sourceMappingURL=data:application\/json(?:;charset=[\w-]+)?;base64,([A-Za-z0-9+/=]+)\s*$/m;

/** The source map inlined at the end of a script, or undefined (none, or not one a map can be read from). */
export function inlineMap(script: string): ScriptMap | undefined {
  const tail = script.slice(script.lastIndexOf("sourceMappingURL=data:") - 4);
  const match = INLINE_MAP.exec(tail);
  if (!match) return undefined;
  try {
    const map = JSON.parse(Buffer.from(match[1]!, "base64").toString("utf8")) as {
      mappings?: unknown;
      sources?: unknown;
    };
    if (typeof map.mappings !== "string") return undefined;
    const sources = Array.isArray(map.sources) ? map.sources.map(String) : [""];
    return scriptMap({ sources: sources.length > 0 ? sources : [""], mappings: map.mappings });
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
