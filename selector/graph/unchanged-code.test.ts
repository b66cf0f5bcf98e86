import { describe, expect, it } from "vitest";
import { codeText } from "../extract/code-text.js";
import { extractFacts } from "../extract/extract-facts.js";
import type { Declaration } from "../extract/types.js";
import { unchangedItems } from "./unchanged-code.js";

function compare(before: string, after: string) {
  const base = extractFacts("src/a.ts", before);
  const head = extractFacts("src/a.ts", after);
  const kept = unchangedItems(head, base, codeText("src/a.ts", after)!, codeText("src/a.ts", before)!);
  const keptNames = (facts: typeof head) =>
    facts.declarations.filter((d: Declaration) => kept.has(d)).map((d) => d.names.join(","));
  return {
    head: keptNames(head),
    base: keptNames(base),
    statements: head.statements.filter((s) => kept.has(s)).length,
  };
}

describe("unchangedItems", () => {
  it("keeps declarations whose code is the same once comments and layout are set aside", () => {
    const before = "export function a() {\n  // one\n  return 1;\n}\nexport function b() {\n  return 2;\n}\n";
    const after =
      "export function a() {\n    // the number one\n    return 1;\n}\nexport function b() {\n  return 3;\n}\n";
    expect(compare(before, after)).toEqual({ head: ["a"], base: ["a"], statements: 0 });
  });

  it("keeps items around an inserted declaration, and statements whose code is the same", () => {
    const before = "const a = 1;\nsetup(a); // go\nconst c = 3;\n";
    const after = "const a = 1;\nconst b = 2;\nsetup(a); // start\nconst c = 3;\n";
    expect(compare(before, after)).toEqual({ head: ["a", "c"], base: ["a", "c"], statements: 1 });
  });

  it("a moved declaration is not kept: top-level order is part of what loading runs", () => {
    const before = "export const a = make();\nexport const b = use(a);\n";
    const after = "export const b = use(a);\nexport const a = make();\n";
    const kept = compare(before, after);
    expect(kept.head).toHaveLength(1);
    expect(kept.base).toHaveLength(1);
  });
});
