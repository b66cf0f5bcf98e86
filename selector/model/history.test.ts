import { describe, expect, it } from "vitest";
import {
  addCommit,
  addRun,
  emptyCoChange,
  emptyFailureStats,
  historyFeatures,
  type Label,
} from "./history.js";

describe("history features", () => {
  it("co-change: the share of a changed file's commits that also changed the test", () => {
    const co = emptyCoChange();
    addCommit(co, ["src/a.ts"], ["test/a.test.ts"]);
    addCommit(co, ["src/a.ts"], ["test/a.test.ts"]);
    addCommit(co, ["src/a.ts", "src/b.ts"], []);
    const f = historyFeatures(co, emptyFailureStats(), ["src/a.ts", "src/b.ts"], "test/a.test.ts");
    // 2 of 3 commits, smoothed: 2 / (3 + 1).
    expect(f.coChange).toBe(0.5);
    expect(historyFeatures(co, emptyFailureStats(), ["src/b.ts"], "test/a.test.ts").coChange).toBe(0);
  });

  it("ignores sweeping commits that touch more files than a change says anything about", () => {
    const co = emptyCoChange();
    const many = Array.from({ length: 60 }, (_, i) => `src/f${i}.ts`);
    addCommit(co, many, ["test/a.test.ts"]);
    expect(co.fileCommits.size).toBe(0);
  });

  it("failure rates when files changed, recently, and flakiness", () => {
    const stats = emptyFailureStats();
    const run = (files: string[], outcome: Label) =>
      addRun(stats, { changedFiles: files, outcomes: new Map([["t.test.ts", outcome]]) });
    run(["src/a.ts"], "failed");
    run(["src/a.ts"], "failed");
    run(["src/b.ts"], "passed");
    run(["src/b.ts"], "flaky");
    const f = historyFeatures(emptyCoChange(), stats, ["src/a.ts"], "t.test.ts");
    expect(f.failRateWhenChanged).toBeCloseTo(2 / 3);
    expect(f.recentFailRate).toBeCloseTo(2 / 5);
    expect(f.flakyRate).toBe(0.25);
    expect(historyFeatures(emptyCoChange(), stats, ["src/b.ts"], "t.test.ts").failRateWhenChanged).toBe(0);
  });
});
