import { describe, expect, it } from "vitest";
import { commitDraw } from "../../selector/model/canary.js";
import { emptyFailureStats } from "../../selector/model/history.js";
import type { ModelRecord, RepoLearning } from "../storage/learning-storage.js";
import { planRun } from "./plan-run.js";

const canary = { full_run_rate: 0.1, max_miss_rate: 0.01, window: 50 };

function model(id: string, status: ModelRecord["status"]): ModelRecord {
  return {
    id,
    repo_id: "repo_1",
    version: 1,
    status,
    model: {
      inputs: [],
      mean: [],
      std: [],
      weights: [0],
      examples: 0,
      failures: 0,
      positiveWeight: 1,
      calibration: [],
    },
    created_at: "2025-01-01T00:00:00.000Z",
    promoted_at: null,
    retired_at: null,
    reason: null,
  };
}

function state(overrides: Partial<RepoLearning>): RepoLearning {
  return {
    repo_id: "repo_1",
    serving: undefined,
    candidate: undefined,
    fallbackFull: false,
    failureStats: emptyFailureStats(),
    labelledRuns: 0,
    runsSinceModel: 0,
    failures: 0,
    historyCommits: 0,
    historyImportedAt: null,
    ...overrides,
  };
}

function sha(accept: (sha: string) => boolean): string {
  for (let i = 0; ; i++) {
    const candidate = i.toString(16).padStart(40, "0");
    if (accept(candidate)) return candidate;
  }
}

const canaryCommit = sha((s) => commitDraw("canary", s) < 0.1);
const otherCommit = sha((s) => commitDraw("canary", s) >= 0.1);

describe("planRun", () => {
  it("runs canary full runs from the first day, measuring the graph alone", () => {
    expect(planRun(state({}), canaryCommit, canary, false)).toEqual({
      decider: undefined,
      shadows: [undefined],
      canaryReason: "canary: 10% of commits run every test to check the graph's selection",
    });
    expect(planRun(state({}), otherCommit, canary, false)).toEqual({ decider: undefined, shadows: [] });
  });

  it("makes full_run_rate of commits canary full runs shadowing the graph, the serving model and the candidate", () => {
    const serving = model("m1", "serving");
    const candidate = model("m2", "candidate");
    const plan = planRun(state({ serving, candidate }), canaryCommit, canary, false);
    expect(plan.canaryReason).toBe("canary: 10% of commits run every test to check the model's selection");
    expect(plan.shadows).toEqual([undefined, serving, candidate]);
    // A run the policy already runs in full is no canary: its shadow would select everything.
    expect(planRun(state({ serving, candidate }), canaryCommit, canary, true)).toEqual({
      decider: serving,
      shadows: [],
    });
  });

  it("never lets a candidate decide a run: it is judged on canary shadows only", () => {
    const serving = model("m1", "serving");
    const candidate = model("m2", "candidate");
    for (let i = 0; i < 200; i++) {
      const commit = i.toString(16).padStart(40, "0");
      expect(planRun(state({ serving, candidate }), commit, canary, false).decider).toBe(serving);
      expect(planRun(state({ candidate }), commit, canary, false).decider).toBeUndefined();
    }
  });

  it("runs everything after the graph-only selection itself was rolled back", () => {
    const plan = planRun(state({ fallbackFull: true }), otherCommit, canary, false);
    expect(plan.canaryReason).toMatch(/^canary: the graph-only selection missed failing tests/);
    expect(plan.shadows).toEqual([undefined]);
  });
});
