import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import { testDatabases } from "../../test/support/databases.js";
import type { Storage, StoredDecision, TestResult } from "./storage.js";

const at = (hour: number) => new Date(Date.UTC(2025, 0, 15, hour));
const RANGE = { from: "2025-01-15T00:00:00.000Z", to: "2025-01-16T00:00:00.000Z" };

const decision = (test_path: string, selected: boolean): StoredDecision => ({
  test_path,
  selected,
  confidence: selected ? 1 : 0,
  reasons: ["test"],
  features: unreachableFeatures(false),
});

/** The dashboard's reads (and the flaky counts its page shows) give the same answers on both engines. */
describe.each(testDatabases())("insights storage on $name", (database) => {
  let storage: Storage;
  let orgId: string;
  let repoId: string;

  beforeAll(async () => {
    storage = await database.open();
    orgId = (await storage.ensureOrganization("acme", at(0))).id;
    repoId = (await storage.connectRepo(orgId, "acme/web", at(0))).id;
  });
  afterAll(() => database.dispose());

  async function run(id: string, hour: number, commit: string, selected: string[], results: TestResult[]) {
    const tests = ["a.test.ts", "b.test.ts"];
    await storage.createRun(
      orgId,
      {
        id,
        repo_id: repoId,
        commit_sha: commit.repeat(40),
        base_sha: null,
        policy_ref: null,
        status: "running",
        mode: selected.length < tests.length ? "selective" : "full",
        full_reason: null,
        granularity: "symbol",
        tests_selected: selected.length,
        tests_total: tests.length,
        confidence_threshold: 0.85,
        model_version: "cold-start",
        created_at: at(hour).toISOString(),
      },
      tests.map((test) => decision(test, selected.includes(test))),
    );
    await storage.recordResults(orgId, id, results, at(hour));
  }

  it("sums runs, share and priced time saved per day, counts results and flaky tests", async () => {
    await run(
      "run_1",
      1,
      "1",
      ["a.test.ts", "b.test.ts"],
      [
        { test_path: "a.test.ts", outcome: "passed", duration_ms: 100 },
        { test_path: "b.test.ts", outcome: "passed", duration_ms: 250 },
      ],
    );
    await run(
      "run_2",
      2,
      "1",
      ["a.test.ts", "b.test.ts"],
      [
        { test_path: "a.test.ts", outcome: "failed", duration_ms: 120 },
        { test_path: "b.test.ts", outcome: "passed", duration_ms: 300 },
      ],
    );
    await run(
      "run_3",
      3,
      "2",
      ["a.test.ts"],
      [{ test_path: "a.test.ts", outcome: "passed", duration_ms: 90 }],
    );
    expect(await storage.insights.days(orgId, repoId, RANGE)).toEqual([
      {
        day: "2025-01-15",
        runs: 3,
        passed: 2,
        failed: 1,
        selective_runs: 1,
        tests_selected: 5,
        tests_total: 6,
        time_saved_ms: 300,
      },
    ]);
    const results = await storage.insights.results(orgId, repoId, RANGE, 2);
    expect(results?.runs).toBe(2);
    expect(results?.rows.map((r) => r.test_path).sort()).toEqual(["a.test.ts", "a.test.ts", "b.test.ts"]);
    expect(await storage.insights.canaryRuns(orgId, repoId, RANGE)).toEqual([]);
    const otherOrg = (await storage.ensureOrganization("globex", at(0))).id;
    expect(await storage.insights.days(otherOrg, repoId, RANGE)).toBeUndefined();
    expect(await storage.learning.listFlaky(orgId, repoId)).toEqual([
      {
        repo_id: repoId,
        test_path: "a.test.ts",
        flaky_commits: 1,
        failures: 1,
        runs: 3,
        last_seen_at: at(2).toISOString(),
        last_commit_sha: "1".repeat(40),
      },
    ]);
  });
});
