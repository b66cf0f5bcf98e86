import { describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import { emptyCoChange, emptyFailureStats } from "../../selector/model/history.js";
import type { RunDetail } from "../storage/storage.js";
import { foldRun } from "./run-examples.js";

const features = unreachableFeatures(false);

function run(outcomes: Record<string, "passed" | "failed" | "skipped">): RunDetail {
  const tests = Object.keys(outcomes);
  return {
    id: "run_1",
    repo_id: "repo_1",
    commit_sha: "a".repeat(40),
    base_sha: null,
    policy_ref: null,
    status: "failed",
    mode: "full",
    full_reason: null,
    granularity: "symbol",
    tests_selected: tests.length,
    tests_total: tests.length + 1,
    confidence_threshold: 0.85,
    model_version: "cold-start",
    duration_ms: 1,
    created_at: "2025-01-01T00:00:00.000Z",
    updated_at: "2025-01-01T00:00:00.000Z",
    branch: null,
    pull_request: null,
    event: null,
    actor: null,
    ci_run_url: null,
    shard_total: null,
    shards_reported: [],
    decisions: [...tests, "not-run.test.ts"].map((test_path) => ({
      test_path,
      selected: true,
      confidence: 1,
      reasons: [],
      features,
    })),
    results: tests.map((test_path) => ({ test_path, outcome: outcomes[test_path]!, duration_ms: 1 })),
  };
}

describe("foldRun", () => {
  it("labels the tests that ran, but not a flaky test's failure, and folds all into the history", () => {
    const stats = emptyFailureStats();
    const learned = foldRun(
      stats,
      emptyCoChange(),
      ["src/a.ts"],
      run({
        "a.test.ts": "failed",
        "b.test.ts": "passed",
        "flaky.test.ts": "failed",
        "c.test.ts": "skipped",
      }),
      new Set(["flaky.test.ts"]),
    );
    expect(learned.examples.map((e) => e.failed)).toEqual([true, false]);
    expect([learned.failures, learned.labelled]).toEqual([1, true]);
    expect(stats.recent.get("flaky.test.ts")).toEqual(["flaky"]);
    expect(stats.fileFailures.get("src/a.ts")).toEqual(new Map([["a.test.ts", 1]]));
  });

  it("takes no examples from a run without a failure: it carried no regression to learn from", () => {
    const stats = emptyFailureStats();
    const learned = foldRun(stats, emptyCoChange(), ["src/a.ts"], run({ "a.test.ts": "passed" }), new Set());
    expect(learned).toEqual({ examples: [], labelled: true, failures: 0 });
    expect(stats.recent.get("a.test.ts")).toEqual(["passed"]);
  });
});
