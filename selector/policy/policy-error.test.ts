import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "./did-you-mean.js";
import { formatProblem, PolicyError } from "./policy-error.js";

describe("PolicyError", () => {
  it("keeps a plain message for problems without a position", () => {
    const error = new PolicyError("policy.yml: policy file not found", { file: "policy.yml" });
    expect([error.message, error.name, error.line, error.errors]).toEqual([
      "policy.yml: policy file not found",
      "PolicyError",
      undefined,
      [],
    ]);
    expect(formatProblem("p.yml", { line: 0, column: 0, key: "", message: "gone" })).toBe("p.yml: gone");
  });

  it("sorts problems by position and reports the first", () => {
    const error = PolicyError.fromProblems("p.yml", [
      { line: 9, column: 1, key: "b", message: "second" },
      { line: 2, column: 3, key: "a", message: "first" },
    ]);
    expect(error.message).toBe("p.yml:2:3: a: first (+1 more)");
    expect([error.line, error.column, error.key]).toEqual([2, 3, "a"]);
  });
});

describe("didYouMean", () => {
  it("finds near keys by edit distance and ignores far ones", () => {
    expect(editDistance("always_runs", "always_run")).toBe(1);
    expect(editDistance("wnidow", "window")).toBe(1);
    expect(didYouMean("always_runs", ["always_run", "run_all_when"])).toBe("always_run");
    expect(didYouMean("confidence-threshold", ["confidence_threshold"])).toBe("confidence_threshold");
    expect(didYouMean("foo", ["flaky", "canary"])).toBeUndefined();
  });
});
