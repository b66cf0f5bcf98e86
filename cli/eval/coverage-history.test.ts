import { describe, expect, it } from "vitest";
import { type CoverageRecord, UNITS_VERSION } from "../../selector/coverage/types.js";
import { commitDraw } from "../../selector/model/canary.js";
import { type CoverageHistory, isFullRun, recordRun } from "./coverage-history.js";
import type { SuiteResult } from "./suite-report.js";

const record = (test: string, commit: string): CoverageRecord => ({
  version: UNITS_VERSION,
  test,
  commit,
  files: [],
});
const results = (outcomes: Record<string, "passed" | "failed">): SuiteResult =>
  new Map(Object.entries(outcomes).map(([test, outcome]) => [test, { outcome, durationMs: 1 }]));

describe("the replayed CI's coverage", () => {
  it("keeps the records of the tests a run ran and passed; a failing test keeps its older one", () => {
    const history: CoverageHistory = new Map([["a.test.ts", record("a.test.ts", "c1")]]);
    const run = [record("a.test.ts", "c2"), record("b.test.ts", "c2"), record("c.test.ts", "c2")];
    recordRun(
      history,
      run,
      results({ "a.test.ts": "failed", "b.test.ts": "passed", "c.test.ts": "passed" }),
      new Set(["a.test.ts", "b.test.ts"]),
    );
    expect(Object.fromEntries([...history].map(([t, r]) => [t, r.commit]))).toEqual({
      "a.test.ts": "c1",
      "b.test.ts": "c2",
    });
    recordRun(
      history,
      run,
      results({ "a.test.ts": "passed", "b.test.ts": "passed", "c.test.ts": "passed" }),
      "all",
    );
    expect(history.size).toBe(3);
  });

  it("runs everything on the first commit and on the canary's draw", () => {
    const sha = (want: boolean) => {
      for (let i = 0; ; i++) {
        const candidate = i.toString(16).padStart(40, "0");
        if (commitDraw("canary", candidate) < 0.1 === want) return candidate;
      }
    };
    expect(isFullRun(0, sha(false))).toBe(true);
    expect(isFullRun(3, sha(true))).toBe(true);
    expect(isFullRun(3, sha(false))).toBe(false);
  });
});
