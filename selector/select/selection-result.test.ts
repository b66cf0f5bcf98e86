import { describe, expect, it } from "vitest";
import { selectionResult } from "./selection-result.js";

const parts = {
  decisions: [
    { test_path: "a.test.ts", selected: true, confidence: 0.9, reasons: ["r"] },
    { test_path: "b.test.ts", selected: false, confidence: 0.01, reasons: ["s"] },
  ],
  threshold: 0.85,
  granularity: "symbol" as const,
  deletedTests: ["gone.test.ts"],
  changedFiles: [{ path: "src/a.ts", status: "modified" as const }],
  warnings: [],
  timings: { decide_ms: 1 },
};

describe("selectionResult", () => {
  it("counts the selected tests and is selective without a full reason", () => {
    const result = selectionResult(parts);
    expect(result).toMatchObject({ mode: "selective", tests_selected: 1, tests_total: 2 });
    expect(result).not.toHaveProperty("full_reason");
  });

  it("is full, with its reason last, when every test runs", () => {
    const result = selectionResult({ ...parts, fullReason: "canary" });
    expect(result.mode).toBe("full");
    expect(Object.entries(result).at(-1)).toEqual(["full_reason", "canary"]);
  });
});
