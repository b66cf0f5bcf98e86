import { describe, expect, it } from "vitest";
import { apply, candidates, type MutantFamily, mutantKey, pick, pickMix } from "./mutant-lines.js";

const source = [
  "// if (a === b) a comment",
  "export type T = A extends B ? C : D;",
  "export function f(a: number, b: number) {",
  "  if (a === b) return 1;",
  "  const c = a < b;",
  "  return a > b && c ? 2 : 3;",
  "}",
].join("\n");

const typed = [
  "export interface Options {",
  "  readonly base?: string;",
  "  nested: { deep: number };",
  "}",
  "export function join(base: string, input: Options): string {",
  "  return format(base, input);",
  "}",
  "export const size = (list: Item[]): number => list.length;",
  "if (x) {",
  "}",
].join("\n");

describe("mutant lines", () => {
  it("flips the first operator of each code line that decides something", () => {
    expect(candidates("src/f.ts", source).flip).toEqual([
      { file: "src/f.ts", line: 3, kind: "flip", column: 7, from: " === ", to: " !== " },
      { file: "src/f.ts", line: 5, kind: "flip", column: 10, from: " > ", to: " >= " },
    ]);
  });

  it("breaks types: return and parameter annotations, top-level properties of an interface", () => {
    const found = candidates("src/u.ts", typed).type.map((m) => [m.line, m.kind, m.from, m.to]);
    expect(found).toEqual([
      [1, "prop-rename", "base", "baseRenamed"],
      [2, "prop-rename", "nested", "nestedRenamed"],
      [4, "return-type", "string", "number"],
      [4, "param-type", "string", "number"],
      [7, "return-type", "number", "string"],
      [7, "param-type", "Item[]", "number"],
    ]);
  });

  it("breaks syntax: a closing brace alone on its line, the last paren of a call statement", () => {
    const found = candidates("src/u.ts", typed).syntax.map((m) => [m.line, m.kind]);
    expect(found).toEqual([
      [3, "close-brace"],
      [5, "close-paren"],
      [6, "close-brace"],
      [9, "close-brace"],
    ]);
    const paren = candidates("src/u.ts", typed).syntax[1]!;
    expect(apply(typed, paren).split("\n")[5]).toBe("  return format(base, input;");
  });

  it("picks the same mutants for the same seed, without repeats", () => {
    const all = candidates("src/f.ts", source).flip;
    expect(pick(all, 5, 7)).toEqual(pick(all, 5, 7));
    expect(new Set(pick(all, 5, 7).map((m) => m.line)).size).toBe(2);
  });

  it("mixes families in the given shares, and fills a short family's share from the others", () => {
    const pools = candidates("src/u.ts", typed);
    const mix = pickMix({ ...pools, flip: [] }, 6, 3, [
      ["flip", 0.5],
      ["type", 0.3],
      ["syntax", 0.2],
    ]);
    expect(mix).toHaveLength(6);
    expect(new Set(mix.map(mutantKey)).size).toBe(6);
    // No flips to draw: their turns go to the family furthest behind its share.
    expect(mix.filter((m) => m.kind.startsWith("close-"))).toHaveLength(3);
  });

  it("keeps the mutants of a smaller count as the start of a larger one", () => {
    const pools = { ...candidates("src/u.ts", typed), flip: candidates("src/f.ts", source).flip };
    const shares: [MutantFamily, number][] = [
      ["flip", 0.5],
      ["type", 0.3],
      ["syntax", 0.2],
    ];
    const more = pickMix(pools, 9, 11, shares);
    expect(pickMix(pools, 5, 11, shares)).toEqual(more.slice(0, 5));
    expect(more.map((m) => m.kind).filter((k) => k === "flip")).toHaveLength(2);
  });

  it("applies a mutant at its column only, and refuses a line that changed", () => {
    const [first] = candidates("src/f.ts", source).flip;
    const mutated = apply(source, first!).split("\n");
    expect(mutated[3]).toBe("  if (a !== b) return 1;");
    expect(mutated[0]).toBe("// if (a === b) a comment");
    expect(() => apply(source.replace("a === b) return", "a == b) return"), first!)).toThrow(/no " === "/);
  });
});
