import { describe, expect, it } from "vitest";
import { apply, candidates, pick } from "../../scripts/mutant-lines.js";

const source = [
  "// if (a === b) a comment",
  "export type T = A extends B ? C : D;",
  "export function f(a: number, b: number) {",
  "  if (a === b) return 1;",
  "  const c = a < b;",
  "  return a > b && c ? 2 : 3;",
  "}",
].join("\n");

describe("mutant lines", () => {
  it("flips the first operator of each code line that decides something", () => {
    expect(candidates("src/f.ts", source)).toEqual([
      { file: "src/f.ts", line: 3, from: " === ", to: " !== " },
      { file: "src/f.ts", line: 5, from: " > ", to: " >= " },
    ]);
  });

  it("picks the same mutants for the same seed, without repeats", () => {
    const all = candidates("src/f.ts", source);
    expect(pick(all, 5, 7)).toEqual(pick(all, 5, 7));
    expect(new Set(pick(all, 5, 7).map((m) => m.line)).size).toBe(2);
  });

  it("applies a mutant to its line only", () => {
    const [first] = candidates("src/f.ts", source);
    const mutated = apply(source, first!).split("\n");
    expect(mutated[3]).toBe("  if (a !== b) return 1;");
    expect(mutated[0]).toBe("// if (a === b) a comment");
  });
});
