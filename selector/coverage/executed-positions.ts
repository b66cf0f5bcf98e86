import { inlineMap, lineStarts, type Position, positionOf, type ScriptMap } from "./source-map.js";

/** One function of V8's precise coverage (`Profiler.takePreciseCoverage`), as the inspector sends it. */
export interface V8Function {
  functionName: string;
  ranges: { startOffset: number; endOffset: number; count: number }[];
}

/** Where the functions that ran start in the file as written, for one script. */
export interface ExecutedPositions {
  /** Original [line, column] (0-based) of a position at or just before each function that ran. */
  positions: [number, number][];
  /** Functions that ran whose start could not be placed: the file counts as run whole. */
  unplaced: number;
}

/**
 * Vite's module runner evaluates `'use strict';async (__vite_ssr_exports__, …)=>{{` + code: the
 * source map describes the code, so the header's length comes off the first line's columns.
 */
const RUNNER_HEADER = /^'use strict';\s*async \([^)]*\)\s*=>\s*\{\{?/;

/**
 * Functions the module runner writes, not the user: the live-binding getters of a module's exports.
 * They run whenever a binding is read and belong to no unit. Vite 7 writes
 * `__vite_ssr_exportName__("x", () => { try { return x } catch {} })`, Vite 6 (Vitest 3)
 * `Object.defineProperty(__vite_ssr_exports__, "x", { enumerable: true, configurable: true, get(){
 * return x }})`. Both the getter and the call around it must match: a user's `get() { return
 * this.value }` is code like any other.
 */
const RUNNER_GETTER =
  /^(?:\(\)\s*=>\s*\{\s*try\s*\{\s*return [\w$.]+;?\s*\}\s*catch\s*\{\s*\}\s*\}|get\(\)\{ return [\w$.]+ \})$/;
const RUNNER_GETTER_CALL =
  /(?:__vite_ssr_exportName__\("(?:[^"\\]|\\.)*", |Object\.defineProperty\(__vite_ssr_exports__, "(?:[^"\\]|\\.)*", \{ enumerable: true, configurable: true, )$/;

function isRunnerGetter(script: string, start: number, end: number): boolean {
  return (
    RUNNER_GETTER.test(script.slice(start, end)) &&
    RUNNER_GETTER_CALL.test(script.slice(Math.max(0, start - 300), start))
  );
}

/** Code a transform may write before a function's start that the map does not cover itself. */
const NEGLIGIBLE_GAP = /^(?:\s|\(|\/\*[\s\S]*?\*\/|(?:const|let|var)\s+__vite_ssr_export_default__\s*=)*$/;

function place(
  script: string,
  starts: readonly number[],
  map: ScriptMap,
  header: number,
  offset: number,
): Position | undefined {
  const generated = positionOf(starts, offset);
  const lineStart = starts[generated.line]!;
  const column = generated.line === 0 ? generated.column - header : generated.column;
  const segment = map.segmentBefore({ line: generated.line, column });
  if (!segment) return undefined;
  const shift = generated.line === 0 ? header : 0;
  const gap = script.slice(lineStart + segment.column + shift, offset);
  return NEGLIGIBLE_GAP.test(gap) ? segment.original : undefined;
}

/**
 * The functions of one script that ran (count > 0), placed in the original file through the
 * script's inline source map. The module's own code (the runner's wrapper) and the runner's
 * getters are left out: loading the file says the first, the second are nobody's code. A script
 * without a map is placed as is (code nothing transformed).
 */
export function executedPositions(script: string, functions: readonly V8Function[]): ExecutedPositions {
  const header = RUNNER_HEADER.exec(script)?.[0].length ?? 0;
  const map = inlineMap(script);
  const starts = lineStarts(script);
  const positions: [number, number][] = [];
  let unplaced = 0;
  for (const fn of functions) {
    const range = fn.ranges[0];
    if (!range || range.count === 0) continue;
    // The script itself and the runner's wrapper around the module.
    if (range.startOffset <= header && range.endOffset >= script.length - 4) continue;
    if (isRunnerGetter(script, range.startOffset, range.endOffset)) continue;
    if (!map) {
      const at = positionOf(starts, range.startOffset);
      positions.push([at.line, at.column]);
      continue;
    }
    const at = place(script, starts, map, header, range.startOffset);
    if (at) positions.push([at.line, at.column]);
    else unplaced += 1;
  }
  return { positions, unplaced };
}
