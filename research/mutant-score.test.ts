import { describe, expect, it } from "vitest";
import { parseListed } from "./mutant-runs.js";
import { groundTruth, type MutantRow, scoreTool, totals } from "./mutant-score.js";

const universe = new Set(["t/a.test.ts", "t/b.test.ts", "t/c.test.ts", "t/d.test.ts"]);

describe("mutant score", () => {
  it("counts as failing only what did not fail at the base", () => {
    expect(groundTruth(["t/b.test.ts", "t/a.test.ts", "t/a.test.ts"], new Set(["t/b.test.ts"]))).toEqual([
      "t/a.test.ts",
    ]);
  });

  it("scores a selection: misses, and the share of the suite (files outside it do not count)", () => {
    const score = scoreTool(
      new Set(["t/a.test.ts", "t/x.test-d.ts"]),
      ["t/a.test.ts", "t/c.test.ts"],
      universe,
    );
    expect(score).toEqual({ selected: 1, share: 0.25, missed: ["t/c.test.ts"] });
    expect(scoreTool("all", ["t/c.test.ts"], universe)).toEqual({ selected: 4, share: 1, missed: [] });
    // A command that fails (a file that does not parse) fails the CI step: loud, not a miss.
    expect(scoreTool(new Set(), ["t/c.test.ts"], universe, "Transform failed")).toEqual({
      selected: 0,
      share: 0,
      missed: [],
      error: "Transform failed",
    });
  });

  it("sums failing files, misses, unsafe mutants and mean shares per tool", () => {
    const row = (n: number, failing: string[], chosen: string[]): MutantRow => ({
      n,
      mutant: `m${n}`,
      kind: "flip",
      failing,
      tools: { superplane: scoreTool(new Set(chosen), failing, universe) },
    });
    const rows = [
      row(1, ["t/a.test.ts"], ["t/a.test.ts"]),
      row(2, ["t/a.test.ts", "t/b.test.ts"], []),
      row(3, [], []),
    ];
    expect(totals(rows, "superplane")).toEqual({
      failing: 3,
      errors: 0,
      missed: 2,
      unsafe: 1,
      meanShare: 0.083,
      meanShareDetected: 0.125,
    });
  });

  it("reads Jest's --listTests --json output and a vitest-shaped report", () => {
    expect(parseListed("/r", 'yarn run\n["/r/src/b.test.ts","/r/src/a.test.ts"]\n')).toEqual([
      "src/a.test.ts",
      "src/b.test.ts",
    ]);
    expect(parseListed("/r", JSON.stringify({ testResults: [{ name: "/r/t/a.test.ts" }] }))).toEqual([
      "t/a.test.ts",
    ]);
  });
});
