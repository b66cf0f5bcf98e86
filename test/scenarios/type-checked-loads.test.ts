import { afterAll, describe, expect, it } from "vitest";
import { decision, edit, removeScenarioRoot, scenario, selected, skipped } from "./harness.js";

afterAll(removeScenarioRoot);

// A misspelt type name: `typeof value === "strin"` is a type error (TS2367) in is-string.ts, which
// ts-jest reports when it transforms the file for any test that loads it, whatever that test uses.
const TYPE_ERROR = edit("ts-jest", "src/is-string.ts", '=== "string"', '=== "strin"');

describe.concurrent("runners that type-check what they load", () => {
  it("ts-jest: every test that loads the changed file is kept, not only the users of its names", async () => {
    const { result } = await scenario("ts-jest", TYPE_ERROR);
    expect(selected(result)).toEqual(["test/number.test.ts", "test/string.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(decision(result, "test/number.test.ts").reasons[0]).toBe(
      "its runner type-checks what it loads (ts-jest): a type error in src/is-string.ts would fail it",
    );
  });

  it("a comment-only change is no change to a type checker either", async () => {
    const { result } = await scenario(
      "ts-jest",
      edit("ts-jest", "src/is-string.ts", "// The guard", "// The one guard"),
    );
    expect(selected(result)).toEqual([]);
  });

  it("ts-jest compiling each file alone checks no types: the symbol level decides", async () => {
    const change = edit("ts-jest-isolated", "src/is-string.ts", '=== "string"', '=== "strin"');
    const { result } = await scenario("ts-jest-isolated", change);
    expect(selected(result)).toEqual(["test/string.test.ts"]);
    expect(skipped(result)).toEqual(["test/number.test.ts", "test/unrelated.test.ts"]);
  });
});
