import { afterAll, describe, expect, it } from "vitest";
import { decision, edit, fixtureText, removeScenarioRoot, scenario, selected, skipped } from "./harness.js";

afterAll(removeScenarioRoot);

const LOADERS = ["test/store.test.ts", "test/used.test.ts"];

describe.concurrent("a changed file that does not parse fails every test that loads it", () => {
  it("a break tree-sitter reads (an arrow after void) keeps the tests of every name", async () => {
    const { result } = await scenario(
      "load-failure",
      edit("load-failure", "src/lib.ts", "  return 2;", "  const f = void (a) => a;\n  return 2;"),
    );
    expect(selected(result)).toEqual(LOADERS);
    expect(skipped(result)).toEqual(["test/shape.test.ts", "test/unrelated.test.ts"]);
    const used = decision(result, "test/used.test.ts");
    expect(used.confidence).toBe(1);
    expect(used.reasons[0]).toMatch(
      /^src\/lib\.ts does not parse \(line 6: .*\): every test that loads it fails$/,
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "SYNTAX_ERROR", file: "src/lib.ts", line: 6 }),
    );
  });

  it("a break tree-sitter sees keeps them as well, named by line", async () => {
    const { result } = await scenario(
      "load-failure",
      edit("load-failure", "src/lib.ts", "  return 2;", "  return 2 +;"),
    );
    expect(selected(result)).toEqual(LOADERS);
    expect(decision(result, "test/store.test.ts").reasons[0]).toContain("src/lib.ts does not parse (line 6:");
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "SYNTAX_ERROR", file: "src/lib.ts", line: 6 }),
    );
  });

  it("await left in a function that lost its async", async () => {
    const { result } = await scenario(
      "load-failure",
      edit("load-failure", "src/lib.ts", "  return 2;", "  await Promise.resolve();\n  return 2;"),
    );
    expect(selected(result)).toEqual(LOADERS);
  });

  it("a file imported for its types only is erased before anything loads", async () => {
    const { result } = await scenario(
      "load-failure",
      edit("load-failure", "src/shape.ts", "size: number;", "size: number +;"),
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "SYNTAX_ERROR", file: "src/shape.ts" }),
    );
    expect(decision(result, "test/shape.test.ts").reasons.join()).not.toContain("does not parse");
  });

  it("valid code tree-sitter misreads is read whole, with no warning", async () => {
    const { result } = await scenario("load-failure", edit("load-failure", "src/unrelated.ts", "42", "43"));
    expect(result.warnings.filter((w) => w.code === "SYNTAX_ERROR")).toEqual([]);
    const { result: inside } = await scenario(
      "load-failure",
      edit("load-failure", "src/store.ts", "other() + 1", "other() + 2"),
    );
    expect(selected(inside)).toEqual(["test/store.test.ts"]);
    expect(inside.warnings).toEqual([]);
  });

  it("in a file tree-sitter misreads, comments and layout are no change either", async () => {
    const text = fixtureText("load-failure", "src/store.ts");
    const commented = text
      .replace("  return other() + 1;", "  // One more than the other.\n    return other() /* plus */ + 1;")
      .replace("/** Valid", "/** Still valid");
    const { result } = await scenario("load-failure", { "src/store.ts": commented });
    expect(selected(result)).toEqual([]);
    // A line break where a statement may end is code: `return` alone returns nothing.
    const split = text.replace("  return other() + 1;", "  return\n    other() + 1;");
    const { result: broken } = await scenario("load-failure", { "src/store.ts": split });
    expect(selected(broken)).toEqual(["test/store.test.ts"]);
  });
});
