import { describe, expect, it } from "vitest";
import { pushLine, summarise, summaryLines } from "./savings-summary.js";

describe("summarise", () => {
  it("sums what skipping saved against the dashboard's estimate, with per-push errors", () => {
    const summary = summarise([
      { sha: "a".repeat(40), fullWallMs: 20_000, selectedWallMs: 0, estimatedMs: 19_000 },
      { sha: "b".repeat(40), fullWallMs: 20_000, selectedWallMs: 5_000, estimatedMs: 18_000 },
      { sha: "c".repeat(40), fullWallMs: 10_000, selectedWallMs: 10_000, estimatedMs: 0 },
    ]);
    expect(summary.measuredMs).toBe(35_000);
    expect(summary.estimatedMs).toBe(37_000);
    expect(summary.ratio).toBeCloseTo(37 / 35);
    // Errors 1,000, 3,000 and 0 ms; of the full wall 5%, 15% and 0%.
    expect(summary.medianAbsErrorMs).toBe(1_000);
    expect(summary.medianAbsErrorOfFull).toBeCloseTo(0.05);
  });

  it("has no ratio when nothing was saved", () => {
    const summary = summarise([
      { sha: "d".repeat(40), fullWallMs: 1_000, selectedWallMs: 1_000, estimatedMs: 0 },
    ]);
    expect(summary.ratio).toBeNull();
    expect(summaryLines(summary, 1)[0]).toContain("dashboard/measured n/a");
  });
});

describe("pushLine", () => {
  it("prints the signed error in seconds", () => {
    const line = pushLine(
      { sha: "e".repeat(40), fullWallMs: 20_000, selectedWallMs: 5_000, estimatedMs: 18_000 },
      "3 of 40",
    );
    expect(line).toBe(
      "eeeeeeeee full 20.0 s, selected 5.0 s, saved 15.0 s, dashboard 18.0 s, error +3.0 s; 3 of 40",
    );
  });
});
