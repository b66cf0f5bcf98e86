import { describe, expect, it } from "vitest";
import type { Diff } from "../diff/types.js";
import type { FileFacts } from "../extract/types.js";
import type { RevisionSource } from "../repo/revision-source.js";
import { checkSyntax, syntaxWarnings, unparsableSeeds } from "./syntax-check.js";

const facts = (extra: Partial<FileFacts> = {}): FileFacts => ({
  imports: [],
  declarations: [],
  statements: [],
  localExports: [],
  syntaxErrors: 0,
  ...extra,
});

function source(files: Record<string, string>, reads: string[][]): RevisionSource {
  return {
    label: "head",
    entries: Object.keys(files).map((path) => ({ path, oid: path, mode: "100644" })),
    async read(paths) {
      reads.push([...paths]);
      return new Map(paths.filter((p) => p in files).map((p) => [p, Buffer.from(files[p]!)]));
    },
  };
}

const diff = (...paths: string[]): Diff => ({
  files: paths.map((path) => ({ path, status: "modified", binary: false, headRanges: [], baseRanges: [] })),
});

describe("syntax check", () => {
  it("judges changed files and unreadable ones, keeps the verdict and reads a judged blob no more", async () => {
    const files = {
      "src/broken.ts": "export const f = void (a) => a;\n",
      "src/gap.ts": "type S = {\n  <U>(\n    a: U,\n  ): U\n}\nexport type { S };\n",
      "src/clean.ts": "export const c = 1;\n",
    };
    const all = new Map([
      ["src/broken.ts", facts()],
      ["src/gap.ts", facts({ syntaxErrors: 2 })],
      ["src/clean.ts", facts()],
    ]);
    const remembered: string[] = [];
    const reads: string[][] = [];
    const store = { facts: all, remember: (path: string) => remembered.push(path) };
    const verdicts = await checkSyntax(diff("src/broken.ts"), source(files, reads), ["src/gap.ts"], store);
    expect(verdicts.get("src/broken.ts")).toMatchObject({ line: 1 });
    expect(verdicts.has("src/gap.ts")).toBe(true);
    expect(verdicts.get("src/gap.ts")).toBeUndefined();
    expect(verdicts.has("src/clean.ts")).toBe(false);
    expect(remembered.sort()).toEqual(["src/broken.ts", "src/gap.ts"]);
    expect(all.get("src/gap.ts")?.exactSyntax).toBeNull();

    const again = await checkSyntax(diff("src/broken.ts"), source(files, reads), ["src/gap.ts"], store);
    expect(reads).toHaveLength(1);
    expect([...again]).toEqual([...verdicts]);
  });

  it("reads a broken changed file whole, and names its line to the user", () => {
    const error = { line: 3, column: 5, message: "Unexpected token" };
    const verdicts = new Map([["src/a.ts", error]]);
    const seed = { path: "src/a.ts", fileLevel: false, evaluates: false, locals: ["a"], exports: ["a"] };
    expect(unparsableSeeds([seed], verdicts)).toEqual([
      { path: "src/a.ts", fileLevel: true, evaluates: true, locals: [], exports: [] },
    ]);
    expect(syntaxWarnings(verdicts, diff("src/a.ts"))).toEqual([
      expect.objectContaining({ code: "SYNTAX_ERROR", file: "src/a.ts", line: 3 }),
    ]);
  });
});
