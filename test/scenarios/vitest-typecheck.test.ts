import { afterAll, describe, expect, it } from "vitest";
import { decision, edit, removeScenarioRoot, scenario, selected } from "./harness.js";

afterAll(removeScenarioRoot);

// `other` is used by no test: its body changes what no test runs, but a type error in it fails
// Vitest's typecheck run as soon as any checked test imports src/lib.ts.
const TYPE_ERROR = edit("vitest-typecheck", "src/lib.ts", "  return 2;", '  return "2";');

describe.concurrent("Vitest's typecheck fails the run on a type error in any file its tests import", () => {
  it("the checked test nearest to the changed file runs", async () => {
    const { result } = await scenario("vitest-typecheck", TYPE_ERROR);
    expect(selected(result)).toEqual(["test/used.test.ts"]);
    expect(decision(result, "test/used.test.ts").reasons[0]).toBe(
      "its runner type-checks the files its tests import (vitest typecheck): a type error in src/lib.ts would fail the run",
    );
  });

  it("not for an edit of comments", async () => {
    const { result } = await scenario(
      "vitest-typecheck",
      edit("vitest-typecheck", "src/lib.ts", "  return 2;", "  // two\n  return 2;"),
    );
    expect(selected(result)).toEqual([]);
  });
});
