import { describe, expect, it } from "vitest";
import { decl, facts, graphOf, imp } from "../../test/support/graph-fixtures.js";
import { resolveStarSeeds } from "./star-seeds.js";
import type { ChangeSeed } from "./symbol-reach.js";

const seed = (starLines: number[], exports: string[] = []): ChangeSeed => ({
  path: "src/index.ts",
  fileLevel: false,
  evaluates: false,
  locals: [],
  exports,
  runtime: { locals: [], exports },
  starLines,
});

describe("resolveStarSeeds", () => {
  const graph = graphOf({
    "src/index.ts": facts({
      imports: [
        imp("src/a.ts", "*", { kind: "reexport-all", line: 1 }),
        imp("src/shapes.ts", "*", { kind: "reexport-all", line: 2, typeOnly: true }),
        imp("src/b.ts", "*", { kind: "reexport-all", line: 3, reexportNamespace: "b" }),
        imp("missing-package", "*", { kind: "reexport-all", line: 4 }),
      ],
    }),
    "src/a.ts": facts({
      imports: [imp("src/deep.ts", "*", { kind: "reexport-all", line: 1 })],
      declarations: [decl("a", 2, 3)],
    }),
    "src/deep.ts": facts({
      declarations: [decl("deep", 1, 2), decl("main", 3, 4, { exportedAs: ["default"] })],
    }),
    "src/shapes.ts": facts({ declarations: [decl("Shape", 1, 2, { kind: "interface" })] }),
    "src/b.ts": facts({
      declarations: [decl("b", 1, 2)],
      statements: [{ range: { start: 3, end: 3 }, references: [] }],
    }),
  });

  it("the target's names, through its own stars and without default, are exported anew", () => {
    const [resolved] = resolveStarSeeds(graph, [seed([1])]);
    expect(resolved).toMatchObject({ fileLevel: false, evaluates: false, exports: ["a", "deep"] });
    expect(resolved?.runtime?.exports).toEqual(["a", "deep"]);
    expect(resolved?.starLines).toBeUndefined();
  });

  it("two star lines on one line each hand out their target's names", () => {
    const oneLine = graphOf({
      "src/index.ts": facts({
        imports: [
          imp("src/a.ts", "*", { kind: "reexport-all", line: 1 }),
          imp("src/deep.ts", "*", { kind: "reexport-all", line: 1 }),
        ],
      }),
      "src/a.ts": facts({ declarations: [decl("a", 1, 2)] }),
      "src/deep.ts": facts({ declarations: [decl("deep", 1, 2)] }),
    });
    expect(resolveStarSeeds(oneLine, [seed([1])])[0]?.exports).toEqual(["a", "deep"]);
  });

  it("a type-only star exports types only; a namespace star binds its name and loads its target", () => {
    const [types] = resolveStarSeeds(graph, [seed([2])]);
    expect(types).toMatchObject({ exports: ["Shape"], runtime: { exports: [] }, evaluates: false });
    const [ns] = resolveStarSeeds(graph, [seed([3], ["b"])]);
    expect(ns).toMatchObject({ exports: ["b"], evaluates: true, fileLevel: false });
  });

  it("a target whose imports evaluate a declaration on load runs code when the barrel loads", () => {
    const evaluated = graphOf({
      "src/index.ts": facts({ imports: [imp("src/a.ts", "*", { kind: "reexport-all", line: 1 })] }),
      "src/a.ts": facts({ imports: [imp("src/config.ts", ["config"])], declarations: [decl("a", 2, 3)] }),
      "src/config.ts": facts({ declarations: [decl("config", 1, 1, { runsOnLoad: true })] }),
    });
    expect(resolveStarSeeds(evaluated, [seed([1])])[0]).toMatchObject({ evaluates: true, exports: ["a"] });
  });

  it("a target not in the graph, or exporting no name it can read, leaves the names unknown", () => {
    const [unknown] = resolveStarSeeds(graph, [seed([4])]);
    expect(unknown).toMatchObject({ fileLevel: true, evaluates: true });
    const cjs = graphOf({
      "src/index.ts": facts({ imports: [imp("src/legacy.ts", "*", { kind: "reexport-all", line: 1 })] }),
      "src/legacy.ts": facts({ declarations: [decl("helper", 1, 2, { exportedAs: [] })] }),
    });
    expect(resolveStarSeeds(cjs, [seed([1])])[0]).toMatchObject({ fileLevel: true, evaluates: true });
    // The target hands on a package's names through its own star line: unknown too.
    const pkg = graphOf({
      "src/index.ts": facts({ imports: [imp("src/wrap.ts", "*", { kind: "reexport-all", line: 1 })] }),
      "src/wrap.ts": facts({
        imports: [imp("some-package", "*", { kind: "reexport-all", line: 1 })],
        declarations: [decl("own", 2, 3)],
      }),
    });
    expect(resolveStarSeeds(pkg, [seed([1])])[0]).toMatchObject({ fileLevel: true, evaluates: true });
  });
});
