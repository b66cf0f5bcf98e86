import { describe, expect, it } from "vitest";
import { belowMinimum, shouldRetrain } from "./retrain-policy.js";

const policy = { minFailingRuns: 3, minFailures: 6, every: 5 };

describe("shouldRetrain", () => {
  it("waits for enough failing test-runs, then retrains every `every` labelled runs", () => {
    expect(shouldRetrain(5, 5, policy)).toBe(false);
    expect(shouldRetrain(4, 6, policy)).toBe(false);
    expect(shouldRetrain(5, 6, policy)).toBe(true);
  });
});

describe("belowMinimum", () => {
  it("says what is missing until both runs with a failure and failing test-runs are enough", () => {
    // The incident: five reported runs, one with failures, two examples.
    expect(belowMinimum({ labelledRuns: 5, failingRuns: 1, failures: 1 }, policy)).toBe(
      "5 labelled runs, 1 with a failure and 1 failing test-runs: a model needs at least 3 runs with a failure and 6 failing test-runs (docs/model.md)",
    );
    // Many failures from one change are still one change.
    expect(belowMinimum({ labelledRuns: 9, failingRuns: 2, failures: 40 }, policy)).toBeDefined();
    expect(belowMinimum({ labelledRuns: 9, failingRuns: 3, failures: 6 }, policy)).toBeUndefined();
  });
});
