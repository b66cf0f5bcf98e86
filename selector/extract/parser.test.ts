import { describe, expect, it } from "vitest";
import { languageFor, parseSource } from "./parser.js";

describe("languageFor", () => {
  it("maps TypeScript to the typescript grammar and JSX-capable files to tsx", () => {
    expect(["a.ts", "a.mts", "a.cts", "types/a.d.ts"].map(languageFor)).toEqual(Array(4).fill("typescript"));
    expect(["a.tsx", "a.js", "a.jsx", "a.mjs", "a.cjs", "A.JS"].map(languageFor)).toEqual(
      Array(6).fill("tsx"),
    );
  });

  it("does not parse other files", () => {
    expect(["a.json", "a.css", "Makefile", ".ts", "dir.ts/file"].map(languageFor)).toEqual(
      Array(5).fill(undefined),
    );
  });
});

describe("parseSource", () => {
  it("parses a 1 MB string in one piece", () => {
    const source = "export const value = 1;\n".repeat(Math.ceil(1024 ** 2 / 24));
    const tree = parseSource(source, "typescript");
    expect(tree.rootNode.hasError).toBe(false);
    expect(tree.rootNode.endIndex).toBe(source.length);
  });

  it("counts offsets in UTF-16 units, as JavaScript strings do", () => {
    const source = `const é = "😀";\nconst b = 1;`;
    const second = parseSource(source, "typescript").rootNode.namedChildren[1]!;
    expect(source.slice(second.startIndex, second.endIndex)).toBe("const b = 1;");
  });
});
