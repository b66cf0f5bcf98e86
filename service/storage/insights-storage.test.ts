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
  it("prices a run that selected nothing with the command's fixed cost too; one that ran a file paid it", async () => {
    const repo = (await storage.connectRepo(orgId, "acme/api", at(0))).id;
    const tests = ["a.test.ts", "b.test.ts"];
    async function runOf(id: string, hour: number, selected: string[], wallMs?: number) {
      await storage.createRun(
        orgId,
        {
          id,
          repo_id: repo,
          commit_sha: String(hour).repeat(40).slice(0, 40),
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
      if (wallMs === undefined) return;
      await storage.recordRunDuration(orgId, id, wallMs);
      const ms: Record<string, number> = { "a.test.ts": 3000, "b.test.ts": 1000 };
      const results = selected.map((test_path) => ({
        test_path,
        outcome: "passed" as const,
        duration_ms: ms[test_path]!,
      }));
      await storage.recordResults(orgId, id, results, at(hour));
    }
    // The full run: 6 s of wall time, 4 s of it the files' (reported without Vitest's start-up).
    await runOf("fixed_full", 5, tests, 6000);
    // Nothing selected: the job never started the runner, so it saved the files and the 2 s.
    await runOf("fixed_none", 6, []);
    // One file selected: the job started the runner all the same, so only b's 1 s was saved.
    await runOf("fixed_one", 7, ["a.test.ts"], 5000);
    const days = await storage.insights.days(orgId, repo, RANGE);
    expect(days?.map((d) => d.time_saved_ms)).toEqual([6000 + 1000]);
  });
});
