import { describe, expect, it } from "vitest";
import { decl, facts, graphOf, imp } from "../../test/support/graph-fixtures.js";
import { symbolReach } from "./symbol-reach.js";

const hit = (reach: ReturnType<typeof symbolReach>, path: string) => {
  const state = reach.get(path);
  return state !== undefined && (state.fileLevel || state.locals.size > 0);
};

describe("symbolReach", () => {
  const barrel = graphOf({
    "src/a.ts": facts({ declarations: [decl("a", 1, 3), decl("a2", 4, 6)] }),
    "src/b.ts": facts({ declarations: [decl("b", 1, 3)] }),
    "src/index.ts": facts({
      imports: [
        imp("src/a.ts", "*", { kind: "reexport-all" }),
        imp("src/b.ts", ["b"], { kind: "reexport", reexports: [{ exported: "b", imported: "b" }] }),
      ],
    }),
    "test/a.test.ts": facts({ imports: [imp("src/index.ts", ["a"], { locals: ["a"] })] }),
    "test/a2.test.ts": facts({ imports: [imp("src/index.ts", ["a2"], { locals: ["a2"] })] }),
    "test/b.test.ts": facts({ imports: [imp("src/index.ts", ["b"], { locals: ["b"] })] }),
  });

  it("follows a changed name through a barrel, and only that name", () => {
    const reach = symbolReach(barrel, [{ path: "src/a.ts", fileLevel: false, locals: ["a"], exports: [] }]);
    expect(hit(reach, "test/a.test.ts")).toBe(true);
    expect(hit(reach, "test/a2.test.ts")).toBe(false);
    expect(hit(reach, "test/b.test.ts")).toBe(false);
    expect(reach.get("src/index.ts")?.exports).toEqual(new Set(["a"]));
  });

  it("a file-level change reaches every name the file exports, not the barrel's others", () => {
    const reach = symbolReach(barrel, [{ path: "src/a.ts", fileLevel: true, locals: [], exports: [] }]);
    expect(hit(reach, "test/a.test.ts")).toBe(true);
    expect(hit(reach, "test/a2.test.ts")).toBe(true);
    expect(hit(reach, "test/b.test.ts")).toBe(false);
  });

  it("spreads inside a file to declarations that reference the changed one", () => {
    const graph = graphOf({
      "src/lib.ts": facts({
        declarations: [
          decl("helper", 1, 3, { exportedAs: [] }),
          decl("api", 4, 8, { references: ["helper"] }),
        ],
      }),
      "test/api.test.ts": facts({ imports: [imp("src/lib.ts", ["api"], { locals: ["api"] })] }),
    });
    const reach = symbolReach(graph, [
      { path: "src/lib.ts", fileLevel: false, locals: ["helper"], exports: [] },
    ]);
    expect(hit(reach, "test/api.test.ts")).toBe(true);
    expect(reach.get("test/api.test.ts")?.usedNames).toEqual(["api"]);
  });

  it("a top-level statement that uses an affected name makes the file file-level", () => {
    const graph = graphOf({
      "src/config.ts": facts({ declarations: [decl("load", 1, 3)] }),
      "src/app.ts": facts({
        imports: [imp("src/config.ts", ["load"], { locals: ["load"] })],
        declarations: [decl("unrelated", 5, 6)],
        statements: [{ range: { start: 8, end: 8 }, references: ["load"] }],
      }),
      "test/app.test.ts": facts({ imports: [imp("src/app.ts", ["unrelated"], { locals: ["unrelated"] })] }),
    });
    const reach = symbolReach(graph, [
      { path: "src/config.ts", fileLevel: false, locals: ["load"], exports: [] },
    ]);
    expect(reach.get("src/app.ts")?.fileLevel).toBe(true);
    expect(hit(reach, "test/app.test.ts")).toBe(true);
  });

  it("namespace imports, aliases and default exports carry names", () => {
    const graph = graphOf({
      "src/m.ts": facts({ declarations: [decl("main", 1, 2, { exportedAs: ["default"] })] }),
      "src/ns.ts": facts({
        imports: [imp("src/m.ts", ["default"], { locals: ["renamed"] })],
        declarations: [decl("wrap", 3, 5, { references: ["renamed"] })],
      }),
      "test/ns.test.ts": facts({ imports: [imp("src/ns.ts", "*", { namespaceLocal: "ns" })] }),
    });
    const reach = symbolReach(graph, [{ path: "src/m.ts", fileLevel: false, locals: ["main"], exports: [] }]);
    expect(reach.get("src/ns.ts")?.exports).toEqual(new Set(["wrap"]));
    expect(hit(reach, "test/ns.test.ts")).toBe(true);
  });

  it("a deleted export reaches its importers through the export name alone", () => {
    const graph = graphOf({
      "src/gone.ts": facts({ declarations: [decl("kept", 1, 2)] }),
      "test/gone.test.ts": facts({ imports: [imp("src/gone.ts", ["removed"], { locals: ["removed"] })] }),
      "test/kept.test.ts": facts({ imports: [imp("src/gone.ts", ["kept"], { locals: ["kept"] })] }),
    });
    const reach = symbolReach(graph, [
      { path: "src/gone.ts", fileLevel: false, locals: [], exports: ["removed"] },
    ]);
    expect(hit(reach, "test/gone.test.ts")).toBe(true);
    expect(hit(reach, "test/kept.test.ts")).toBe(false);
  });

  it("side-effect imports and import cycles", () => {
    const graph = graphOf({
      "src/x.ts": facts({
        imports: [imp("src/y.ts", ["y"], { locals: ["y"] })],
        declarations: [decl("x", 2, 4, { references: ["y"] })],
      }),
      "src/y.ts": facts({
        imports: [imp("src/x.ts", ["x"], { locals: ["x"] })],
        declarations: [decl("y", 2, 4, { references: ["x"] })],
      }),
      "test/side.test.ts": facts({ imports: [imp("src/x.ts", "*", { kind: "side-effect" })] }),
    });
    const reach = symbolReach(graph, [{ path: "src/y.ts", fileLevel: false, locals: ["y"], exports: [] }]);
    expect(reach.get("src/x.ts")?.exports).toEqual(new Set(["x"]));
    expect(reach.get("test/side.test.ts")?.fileLevel).toBe(true);
  });
});

describe("symbolReach with CommonJS modules", () => {
  it("a file-level change affects every name taken from it, read or not", () => {
    const graph = graphOf({
      "src/legacy.cjs": facts({ statements: [{ range: { start: 1, end: 3 }, references: [] }] }),
      "test/legacy.test.ts": facts({
        imports: [imp("src/legacy.cjs", ["helper"], { kind: "require", locals: ["helper"] })],
      }),
    });
    const reach = symbolReach(graph, [{ path: "src/legacy.cjs", fileLevel: true, locals: [], exports: [] }]);
    expect(hit(reach, "test/legacy.test.ts")).toBe(true);
  });
});
