import { describe, expect, it } from "vitest";
import { decl, facts, imp } from "../../test/support/graph-fixtures.js";
import type { FileChange } from "../diff/types.js";
import { changeSeeds } from "./change-seeds.js";

const modified = (head: [number, number][], base: [number, number][] = []): FileChange => ({
  path: "src/m.ts",
  status: "modified",
  binary: false,
  headRanges: head.map(([start, end]) => ({ start, end })),
  baseRanges: base.map(([start, end]) => ({ start, end })),
});

const head = facts({
  imports: [imp("./dep", ["d"], { locals: ["d"], line: 1 })],
  declarations: [decl("a", 3, 6), decl("b", 8, 12, { exportedAs: [] })],
  statements: [{ range: { start: 14, end: 14 }, references: [] }],
  localExports: [{ exported: "bee", local: "b", line: 16 }],
});

describe("changeSeeds", () => {
  it("maps changed lines to the declarations that contain them", () => {
    expect(changeSeeds(modified([[4, 4]]), head, head)).toEqual([
      {
        path: "src/m.ts",
        fileLevel: false,
        evaluates: false,
        locals: ["a"],
        exports: ["a"],
        runtime: { locals: ["a"], exports: ["a"] },
      },
    ]);
  });

  it("a change in a top-level statement is file-level and changes what loading the file runs", () => {
    const [seed] = changeSeeds(modified([[14, 14]]), head, head);
    expect(seed?.fileLevel).toBe(true);
    expect(seed?.evaluates).toBe(true);
  });

  it("a changed type alias or interface, or an `import type` line, is not a runtime change", () => {
    const typed = facts({
      imports: [imp("./t", ["T"], { kind: "type", typeOnly: true, locals: ["T"], line: 1 })],
      declarations: [decl("Shape", 3, 5, { kind: "interface" }), decl("make", 6, 8)],
    });
    const before = facts({ declarations: typed.declarations });
    const [seed] = changeSeeds(
      modified([
        [1, 1],
        [4, 4],
        [7, 7],
      ]),
      typed,
      before,
    );
    expect(new Set(seed?.locals)).toEqual(new Set(["T", "Shape", "make"]));
    expect(seed?.runtime).toEqual({ locals: ["make"], exports: ["make"] });
  });

  it("a changed declaration that runs code as the module loads changes what loading runs", () => {
    const withLoad = facts({ declarations: [decl("plain", 1, 3), decl("made", 4, 8, { runsOnLoad: true })] });
    expect(changeSeeds(modified([[2, 2]]), withLoad, withLoad)[0]?.evaluates).toBe(false);
    expect(changeSeeds(modified([[6, 6]]), withLoad, withLoad)[0]).toMatchObject({
      fileLevel: false,
      evaluates: true,
      locals: ["made"],
    });
  });

  it("an edited `export { a as b } from` line changes the names it exports, not the whole file", () => {
    const barrel = facts({
      imports: [
        imp("./a", ["a"], { kind: "reexport", reexports: [{ exported: "b", imported: "a" }], line: 1 }),
        imp("./c", ["c"], { kind: "reexport", reexports: [{ exported: "c", imported: "c" }], line: 2 }),
      ],
    });
    const before = facts({
      imports: [
        imp("./a", ["a"], { kind: "reexport", reexports: [{ exported: "a", imported: "a" }], line: 1 }),
        imp("./c", ["c"], { kind: "reexport", reexports: [{ exported: "c", imported: "c" }], line: 2 }),
      ],
    });
    const [seed] = changeSeeds(modified([[1, 1]], [[1, 1]]), barrel, before);
    expect(seed).toMatchObject({ fileLevel: false, evaluates: false });
    expect(new Set(seed?.exports)).toEqual(new Set(["a", "b"]));
  });

  it("an edited import or re-export changes only the bindings the edit added, dropped or renamed", () => {
    const names = (list: string[], line = 1) => imp("./schemas", list, { locals: list, line });
    const reexport = (list: string[]) =>
      imp("./schemas", list, {
        kind: "reexport",
        reexports: list.map((n) => ({ exported: n, imported: n })),
        line: 5,
      });
    const before = facts({ imports: [names(["isEmail", "parse"]), reexport(["a", "b"])] });
    const after = facts({ imports: [names(["isEmail", "parse", "strip"]), reexport(["a", "b", "c"])] });
    // `import {\n isEmail,\n parse,\n+ strip,\n} from "./schemas"` and `export { a, b,\n+ c } from`.
    const [seed] = changeSeeds(
      modified([
        [3, 3],
        [5, 5],
      ]),
      after,
      before,
    );
    expect(seed).toMatchObject({ fileLevel: false, locals: ["strip"], exports: ["c"] });
    // Taken from another module, every binding of the line is new (and `parse` is gone).
    const moved = facts({ imports: [imp("./other", ["isEmail"], { locals: ["isEmail"], line: 1 })] });
    expect(changeSeeds(modified([[1, 1]], [[1, 1]]), moved, before)[0]?.locals).toEqual(["isEmail", "parse"]);
  });

  it("an edited side-effect import changes what loading the file runs; an edited re-export does not", () => {
    const withImports = facts({
      imports: [
        imp("./polyfill", "*", { kind: "side-effect", line: 1 }),
        imp("./x", "*", { kind: "reexport-all", line: 2 }),
      ],
      declarations: [decl("a", 4, 6)],
    });
    expect(changeSeeds(modified([[1, 1]]), withImports, withImports)[0]?.evaluates).toBe(true);
    const without = facts({
      imports: [imp("./polyfill", "*", { kind: "side-effect", line: 1 })],
      declarations: [decl("a", 3, 5)],
    });
    // Added, a star line hands out its target's names (star-seeds.ts); removed, all the file's.
    const [added] = changeSeeds(modified([[2, 2]]), withImports, without);
    expect(added).toMatchObject({ fileLevel: false, evaluates: false, starLines: [2] });
    const [removed] = changeSeeds(modified([], [[2, 2]]), without, withImports);
    expect(removed).toMatchObject({ fileLevel: true, evaluates: false });
    expect(removed?.starLines).toBeUndefined();
  });

  it("a star line kept as it was, or `export * as ns` added, touches only what it binds", () => {
    const base = facts({ imports: [imp("./x", "*", { kind: "reexport-all", line: 1 })] });
    const head = facts({
      imports: [
        imp("./x", "*", { kind: "reexport-all", line: 1 }),
        imp("./y", "*", { kind: "reexport-all", line: 2, reexportNamespace: "y" }),
      ],
    });
    const [seed] = changeSeeds(modified([[1, 2]]), head, base);
    expect(seed).toMatchObject({ fileLevel: false, exports: ["y"], starLines: [2] });
  });

  it("a new or deleted file runs changed code on load only when it has top-level statements", () => {
    const declarationsOnly = facts({ declarations: [decl("a", 1, 3)] });
    const added: FileChange = { ...modified([[1, 3]]), status: "added" };
    expect(changeSeeds(added, declarationsOnly)[0]).toMatchObject({ fileLevel: true, evaluates: false });
    expect(changeSeeds(added, head)[0]?.evaluates).toBe(true);
    const deleted: FileChange = { ...modified([], [[1, 3]]), status: "deleted" };
    expect(changeSeeds(deleted, undefined, declarationsOnly)[0]?.evaluates).toBe(false);
    expect(changeSeeds(deleted, undefined, head)[0]?.evaluates).toBe(true);
    // Unknown content could run anything; data runs nothing.
    expect(changeSeeds({ ...added, binary: true })[0]?.evaluates).toBe(true);
    expect(changeSeeds({ ...added, path: "src/data.json" })[0]?.evaluates).toBe(false);
  });

  it("a mode change alone (the executable bit) counts the whole file: it changes how the file runs as a program", () => {
    const modeOnly: FileChange = { ...modified([]), modeChanged: true };
    expect(changeSeeds(modeOnly, head)).toEqual([
      { path: "src/m.ts", fileLevel: true, locals: [], exports: [], evaluates: true },
    ]);
    expect(changeSeeds(modified([]), head)[0]).toMatchObject({ fileLevel: false, locals: [] });
  });

  it("an edited import makes its bindings changed; an edited export clause its names", () => {
    const before = facts({ ...head, imports: [imp("./dep", ["d"], { locals: ["dep"], line: 1 })] });
    const [seed] = changeSeeds(
      modified(
        [
          [1, 2],
          [16, 16],
        ],
        [[1, 1]],
      ),
      head,
      before,
    );
    // `dep` was renamed `d`: both bindings changed.
    expect(seed?.locals).toEqual(["d", "dep"]);
    expect(seed?.exports).toEqual(["bee"]);
  });

  it("removed lines map through the base version, so a deleted export counts", () => {
    const base = facts({ declarations: [decl("a", 3, 6), decl("gone", 7, 9)] });
    expect(changeSeeds(modified([], [[7, 9]]), head, base)).toEqual([
      {
        path: "src/m.ts",
        fileLevel: false,
        evaluates: false,
        locals: ["gone"],
        exports: ["gone"],
        runtime: { locals: ["gone"], exports: ["gone"] },
      },
    ]);
  });

  it("comment-only changes touch nothing, but are still a seed for file-level reach", () => {
    expect(changeSeeds(modified([[13, 13]]), head, head)).toEqual([
      {
        path: "src/m.ts",
        fileLevel: false,
        evaluates: false,
        locals: [],
        exports: [],
        runtime: { locals: [], exports: [] },
      },
    ]);
  });

  it("a declaration whose edit changed types alone is touched for the type checker, not for what runs", () => {
    const withLoad = facts({ declarations: [decl("a", 3, 6), decl("c", 8, 9, { runsOnLoad: true })] });
    // Lines as the two readings see them: the edit changed line 4 in the code, not once types are erased.
    const code = (edited: string) => (range: { start: number; end: number }) =>
      range.start <= 4 && 4 <= range.end ? edited : `${range.start}`;
    const typesOnly = {
      head: code("h"),
      base: code("b"),
      runtime: { head: code("same"), base: code("same") },
    };
    expect(changeSeeds(modified([[4, 4]]), withLoad, withLoad, typesOnly)[0]).toMatchObject({
      locals: ["a"],
      exports: ["a"],
      evaluates: false,
      runtime: { locals: [], exports: [] },
    });
    const runtimeToo = { ...typesOnly, runtime: { head: code("h"), base: code("b") } };
    expect(changeSeeds(modified([[4, 4]]), withLoad, withLoad, runtimeToo)[0]?.runtime).toEqual({
      locals: ["a"],
      exports: ["a"],
    });
    // A declaration that runs as the module loads: an annotation edit in it runs nothing new.
    const inLoad = (edited: string) => (range: { start: number; end: number }) =>
      range.start <= 8 && 8 <= range.end ? edited : `${range.start}`;
    const loadTypes = {
      head: inLoad("h"),
      base: inLoad("b"),
      runtime: { head: inLoad("s"), base: inLoad("s") },
    };
    expect(changeSeeds(modified([[8, 8]]), withLoad, withLoad, loadTypes)[0]?.evaluates).toBe(false);
    expect(
      changeSeeds(modified([[8, 8]]), withLoad, withLoad, { head: inLoad("h"), base: inLoad("b") })[0]
        ?.evaluates,
    ).toBe(true);
  });

  it("a compiler directive between declarations (`// @ts-nocheck`) is file-level; a plain comment is not", () => {
    const lines = ["// @ts-nocheck", "", "", "", "", "", "", "", "", "", "", "", "// a note"];
    const code = {
      head: (range: { start: number; end: number }) => lines[range.start - 1] ?? "",
      base: () => "",
    };
    expect(changeSeeds(modified([[1, 1]]), head, head, code)[0]?.fileLevel).toBe(true);
    expect(changeSeeds(modified([[13, 13]]), head, head, code)[0]?.fileLevel).toBe(false);
    expect(
      changeSeeds(modified([], [[1, 1]]), head, head, { head: () => "", base: code.head })[0]?.fileLevel,
    ).toBe(true);
  });

  it("files with syntax errors, new, deleted and renamed files are file-level", () => {
    expect(changeSeeds(modified([[4, 4]]), { ...head, syntaxErrors: 1 }, head)[0]?.fileLevel).toBe(true);
    const renamed: FileChange = { ...modified([]), status: "renamed", oldPath: "src/old.ts" };
    expect(changeSeeds(renamed).map((s) => [s.path, s.fileLevel])).toEqual([
      ["src/m.ts", true],
      ["src/old.ts", true],
    ]);
    expect(changeSeeds({ ...modified([]), status: "deleted" })[0]?.fileLevel).toBe(true);
  });

  it("a component file's markup lies outside its script's declarations: any change counts whole", () => {
    const [seed] = changeSeeds({ ...modified([[2, 2]]), path: "src/Demo.vue" }, head, head);
    expect(seed).toMatchObject({ path: "src/Demo.vue", fileLevel: true, evaluates: true });
  });

  it("a file too big to parse has no declarations: any change counts whole", () => {
    const unparsed = facts({ note: "not parsed: 3 MiB" });
    expect(changeSeeds(modified([[2, 2]]), unparsed, unparsed)[0]).toMatchObject({
      fileLevel: true,
      evaluates: true,
    });
  });

  it("without base facts, removed lines cannot be placed: file-level", () => {
    expect(changeSeeds(modified([], [[2, 2]]), head)[0]?.fileLevel).toBe(true);
  });
});
