import { describe, expect, it } from "vitest";
import { type CommitOutcome, formatTable, summarise } from "./metrics.js";

const universe = new Map([
  ["a.test.ts", 100],
  ["b.test.ts", 300],
  ["c.test.ts", 600],
  ["d.test.ts", 1000],
]);

const commits: CommitOutcome[] = [
  {
    sha: "c1",
    universe,
    truth: ["a.test.ts", "b.test.ts"],
    arms: {
      graph: { selected: new Set(["a.test.ts"]), selectMs: 100 },
      all: { selected: "all", selectMs: 0 },
    },
  },
  {
    sha: "c2",
    universe,
    truth: [],
    arms: {
      graph: { selected: new Set(["c.test.ts", "x.test.ts"]), selectMs: 300 },
      all: { selected: "all", selectMs: 0 },
    },
  },
];

describe("summarise", () => {
  it("counts recall over files, safety over commits, share against the suite", () => {
    const s = summarise("graph", commits);
    expect(s.recall).toBe(0.5);
    expect(s.safety).toBe(0.5);
    expect(s.misses).toEqual([{ sha: "c1", test: "b.test.ts" }]);
    // c1 selects 1 of 4, c2 selects 1 of 4 (x.test.ts is not in the suite).
    expect(s.meanShare).toBe(0.25);
    expect(s.meanSelectMs).toBe(200);
    expect(s.meanTestMs).toBe(350);
  });

  it("treats a full run as selecting everything", () => {
    const s = summarise("all", commits);
    expect(s.recall).toBe(1);
    expect(s.safety).toBe(1);
    expect(s.meanShare).toBe(1);
    expect(formatTable([s])).toContain("| all | 2 | 100.0% (2/2) | 100.0% | 100.0% | 0.00 s | 2.00 s |");
  });
});
