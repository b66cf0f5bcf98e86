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
      { path: "src/m.ts", fileLevel: false, locals: ["a"], exports: ["a"] },
    ]);
  });

  it("a change in a top-level statement is file-level", () => {
    expect(changeSeeds(modified([[14, 14]]), head, head)[0]?.fileLevel).toBe(true);
  });

  it("an edited import makes its bindings changed; an edited export clause its names", () => {
    const [seed] = changeSeeds(
      modified([
        [1, 2],
        [16, 16],
      ]),
      head,
      head,
    );
    expect(seed?.locals).toEqual(["d"]);
    expect(seed?.exports).toEqual(["bee"]);
  });

  it("removed lines map through the base version, so a deleted export counts", () => {
    const base = facts({ declarations: [decl("a", 3, 6), decl("gone", 7, 9)] });
    expect(changeSeeds(modified([], [[7, 9]]), head, base)).toEqual([
      { path: "src/m.ts", fileLevel: false, locals: ["gone"], exports: ["gone"] },
    ]);
  });

  it("comment-only changes touch nothing, but are still a seed for file-level reach", () => {
    expect(changeSeeds(modified([[13, 13]]), head, head)).toEqual([
      { path: "src/m.ts", fileLevel: false, locals: [], exports: [] },
    ]);
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

  it("without base facts, removed lines cannot be placed: file-level", () => {
    expect(changeSeeds(modified([], [[2, 2]]), head)[0]?.fileLevel).toBe(true);
  });
});
