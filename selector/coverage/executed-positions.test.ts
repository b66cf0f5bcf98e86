import { Session } from "node:inspector/promises";
import { runInThisContext } from "node:vm";
import { transformSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executedPositions, type V8Function } from "./executed-positions.js";
import { fileUnits, unitAt } from "./function-units.js";
import { lineStarts, positionOf, scriptMap } from "./source-map.js";

const session = new Session();
beforeAll(async () => {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: false });
});
afterAll(() => session.disconnect());

const ORIGINAL = [
  "function used(x: number): number {",
  "  const twice = (y: number) => y * 2;",
  "  return twice(x);",
  "}",
  "function unused(): string {",
  "  return 'never';",
  "}",
  "function inc(v: number) { return v + 1; }",
  "function start(): number { return 0; }",
  "class Counter {",
  "  count = start();",
  "  bump(): number { this.count += 1; return this.count; }",
  "}",
  "class Box<T> {",
  "  constructor(readonly value: T) {}",
  "  get(): T { return this.value; }",
  "  map<U>(f: (t: T) => U): Box<U> { return new Box(f(this.value)); }",
  "}",
].join("\n");

/**
 * Runs `ORIGINAL` as Vite's module runner would (esbuild strips the types, the runner wraps the
 * module in an async function on the first line) and takes V8's call counts of that script.
 */
async function runAsTheRunnerDoes(call: string): Promise<{ script: string; functions: V8Function[] }> {
  const code = transformSync(ORIGINAL, {
    loader: "ts",
    sourcemap: "inline",
    sourcefile: "box.ts",
  }).code;
  const header = "'use strict';async (__vite_ssr_exports__,__vite_ssr_import__,__vite_ssr_exportName__)=>{{";
  // Vite 7 reads a binding through an arrow in a try, Vite 6 through a `get()` of a property.
  const getter = [
    "",
    '__vite_ssr_exportName__("used", () => { try { return used } catch {} });',
    "__vite_ssr_exports__.used;",
    'Object.defineProperty(__vite_ssr_exports__, "old", { enumerable: true, configurable: true, get(){ return used }});',
    "__vite_ssr_exports__.old;",
    'Object.defineProperty(__vite_ssr_exports__, "other", { enumerable: true, configurable: true, get(){ return used }});',
    "__vite_ssr_exports__.other;",
    "",
  ].join("\n");
  const script = `${header}${code.replace("//# sourceMappingURL", `${call}${getter}//# sourceMappingURL`)}\n}}`;
  const filename = `/virtual/box-${Math.random()}.js`;
  await session.post("Profiler.takePreciseCoverage");
  const exports: Record<string, unknown> = {};
  const exportName = (name: string, get: () => unknown) => Object.defineProperty(exports, name, { get });
  type Module = (e: object, i: unknown, n: typeof exportName) => Promise<void>;
  await (runInThisContext(script, { filename }) as Module)(exports, undefined, exportName);
  const { result } = await session.post("Profiler.takePreciseCoverage");
  const found = result.find((s) => s.url.endsWith(filename));
  if (!found) throw new Error("the script has no coverage");
  return { script, functions: found.functions as V8Function[] };
}

function unitsRun(script: string, functions: V8Function[]): string[] {
  const placed = executedPositions(script, functions);
  expect(placed.unplaced).toBe(0);
  const file = fileUnits("box.ts", ORIGINAL)!;
  const starts = lineStarts(ORIGINAL);
  return placed.positions.map(([line, column]) => {
    const unit = unitAt(file, ORIGINAL, starts[line]! + column);
    if (unit === undefined) throw new Error(`no unit at ${line}:${column}`);
    return unit < 0 ? "(module code)" : ORIGINAL.slice(file.units[unit]!.start, file.units[unit]!.start + 12);
  });
}

describe("executedPositions", () => {
  it("places the functions a call ran in the file as written, and only those", async () => {
    const { script, functions } = await runAsTheRunnerDoes("used(2);");
    expect(unitsRun(script, functions).sort()).toEqual(["(y: number) ", "function use"]);
  });

  it("counts a construction as a run of the class, and methods as their own units", async () => {
    const { script, functions } = await runAsTheRunnerDoes("new Box(1).map(inc).get();");
    expect(unitsRun(script, functions).sort()).toEqual([
      "class Box<T>",
      "class Box<T>",
      "function inc",
      "get(): T { r",
      "map<U>(f: (t",
    ]);
  });

  it("places the field values a construction runs in the class", async () => {
    const { script, functions } = await runAsTheRunnerDoes("new Counter().bump();");
    expect(new Set(unitsRun(script, functions))).toEqual(
      new Set(["class Counte", "function sta", "bump(): numb"]),
    );
  });

  it("leaves out the module's wrapper and the runner's binding getters", async () => {
    const { script, functions } = await runAsTheRunnerDoes("");
    expect(executedPositions(script, functions)).toEqual({ positions: [], unplaced: 0 });
  });

  it("keeps a user's function written like a runner getter when no runner call surrounds it", () => {
    const script = "const o = { get(){ return x } };\nconst f = () => { try { return x } catch {} };\n";
    const at = (text: string) => script.indexOf(text);
    const functions: V8Function[] = [
      { functionName: "", ranges: [{ startOffset: 0, endOffset: script.length, count: 1 }] },
      { functionName: "get", ranges: [{ startOffset: at("get()"), endOffset: at(" };\n"), count: 1 }] },
      { functionName: "f", ranges: [{ startOffset: at("() =>"), endOffset: script.length - 2, count: 1 }] },
    ];
    expect(executedPositions(script, functions)).toEqual({
      positions: [
        [0, 12],
        [1, 10],
      ],
      unplaced: 0,
    });
  });

  it("counts a function it cannot place instead of guessing", () => {
    const script =
      "function a() {}\n/* not mapped */ function b() {}\n//# sourceMappingURL=data:application/json;base64,eyJtYXBwaW5ncyI6IkFBQUEifQ==\n";
    const start = script.indexOf("function b");
    const functions: V8Function[] = [
      { functionName: "", ranges: [{ startOffset: 0, endOffset: script.length, count: 1 }] },
      { functionName: "b", ranges: [{ startOffset: start, endOffset: start + 15, count: 1 }] },
    ];
    expect(executedPositions(script, functions)).toEqual({ positions: [], unplaced: 1 });
  });
});

describe("source maps", () => {
  it("finds the segment at or before a column, on that line and of the first source only", () => {
    // "AAAA,IAAI;AACA;ACAA": line 0 segments at columns 0 and 4 (original 0:0 and 0:4); line 1 at 0
    // -> 1:4 (original columns carry over lines); line 2 at 0 in the second source.
    const map = scriptMap({ sources: ["a.ts", "b.ts"], mappings: "AAAA,IAAI;AACA;;ACAA;IAAA" });
    expect(map.segmentBefore({ line: 0, column: 6 })).toEqual({
      column: 4,
      original: { line: 0, column: 4 },
    });
    expect(map.segmentBefore({ line: 1, column: 9 })).toEqual({
      column: 0,
      original: { line: 1, column: 4 },
    });
    // Nothing on line 2: an earlier line's segment says nothing of it.
    expect(map.segmentBefore({ line: 2, column: 3 })).toBeUndefined();
    expect(map.segmentBefore({ line: 3, column: 1 })).toBeUndefined();
    expect(map.segmentBefore({ line: 4, column: 0 })).toBeUndefined();
    expect(positionOf(lineStarts("ab\ncd"), 4)).toEqual({ line: 1, column: 1 });
  });
});
