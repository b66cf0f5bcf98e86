import { describe, expect, it } from "vitest";
import { shouldRetrain } from "./retrain-policy.js";

describe("shouldRetrain", () => {
  it("waits for enough labelled runs with a failure, then retrains every few new runs", () => {
    const policy = { minRuns: 5, every: 5 };
    expect(shouldRetrain(4, 4, 3, policy)).toBe(false);
    expect(shouldRetrain(5, 5, 0, policy)).toBe(false);
    expect(shouldRetrain(5, 5, 1, policy)).toBe(true);
    expect(shouldRetrain(9, 4, 1, policy)).toBe(false);
  });
});
