import { afterEach, describe, expect, it } from "vitest";
import { type Kit, makeKit, SHA, selectionBody } from "../../test/support/service-kit.js";
import type { StoredDecision } from "../storage/storage.js";

let kit: Kit;
afterEach(() => kit.close());

const HOUR = 3_600_000;
const features = {
  reachable: true,
  distance: 1,
  symbolHit: true,
  weakOnly: false,
  changedFilesReaching: 1,
  maxFanIn: 1,
  typeTest: false,
};

async function post(url: string, payload: unknown) {
  return kit.call(kit.tokens.write, { method: "POST", url, payload: payload as Record<string, unknown> });
}

/** A run decided by the service (the test-kit change: math runs, text is skipped), then its results. */
let commits = 0;
/** A new commit each run: outcomes that differ on one commit would be flaky. */
const nextCommit = () => (++commits).toString(16).padStart(40, "0");

async function selectiveRun(results: { test_path: string; outcome: string; duration_ms: number }[]) {
  const run = (await post("/v1/runs", selectionBody(kit.repoId, { commit_sha: nextCommit() }))).json();
  await post(`/v1/runs/${run.id}/results`, { results });
  return run.id as string;
}

async function fullRun(
  results: { test_path: string; outcome: string; duration_ms: number }[],
  commit_sha = nextCommit(),
) {
  const run = (
    await post("/v1/runs", selectionBody(kit.repoId, { commit_sha, full_reason: "package.json changed" }))
  ).json();
  await post(`/v1/runs/${run.id}/results`, { results });
  return run.id as string;
}

/** A canary full run: everything ran, and what each model would have skipped is recorded beside it. */
async function canaryRun(id: string, failed: string[], shadows: { model: string; skipped: string[] }[]) {
  const tests = ["a.test.ts", "b.test.ts", "c.test.ts"];
  const decisions: StoredDecision[] = tests.map((test_path) => ({
    test_path,
    selected: true,
    confidence: 1,
    reasons: ["canary full run"],
    features,
  }));
  const created_at = kit.clock.now().toISOString();
  await kit.storage.createRun(
    kit.orgId,
    {
      id,
      repo_id: kit.repoId,
      commit_sha: id.padEnd(40, "0").replace(/[^0-9a-f]/g, "0"),
      base_sha: null,
      policy_ref: null,
      status: "running",
      mode: "full",
      full_reason: "canary",
      granularity: "symbol",
      tests_selected: 3,
      tests_total: 3,
      confidence_threshold: 0.85,
      model_version: "cold-start",
      created_at,
    },
    decisions,
  );
  await kit.storage.learning.recordRunLearning(kit.orgId, {
    run_id: id,
    repo_id: kit.repoId,
    commit_sha: SHA,
    created_at,
    changed_files: ["src/a.ts"],
    canary: { full_run_rate: 1, max_miss_rate: 1, window: 50 },
    flaky: { quarantine: false },
    is_canary: true,
    shadows,
  });
  const results = tests.map((test_path) => ({
    test_path,
    outcome: failed.includes(test_path) ? "failed" : "passed",
    duration_ms: 10,
  }));
  expect((await post(`/v1/runs/${id}/results`, { results })).statusCode).toBe(200);
}

const insights = (query = "") =>
  kit.call(kit.tokens.read, { url: `/v1/repos/${kit.repoId}/insights${query}` });

describe("GET /v1/repos/{id}/insights", () => {
  it("prices each skipped test at its newest measured duration and sums runs, share and failures per day", async () => {
    kit = await makeKit();
    await fullRun([
      { test_path: "test/math.test.ts", outcome: "passed", duration_ms: 1200 },
      { test_path: "test/text.test.ts", outcome: "passed", duration_ms: 800 },
    ]);
    kit.clock.advance(HOUR);
    await fullRun([
      { test_path: "test/math.test.ts", outcome: "passed", duration_ms: 1100 },
      { test_path: "test/text.test.ts", outcome: "passed", duration_ms: 900 },
    ]);
    kit.clock.advance(24 * HOUR);
    await selectiveRun([{ test_path: "test/math.test.ts", outcome: "failed", duration_ms: 1000 }]);
    kit.clock.advance(HOUR);
    const response = await insights("?from=2025-03-01&to=2025-03-11");
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect([body.from, body.to]).toEqual(["2025-03-01T00:00:00.000Z", "2025-03-12T00:00:00.000Z"]);
    expect(body.days).toHaveLength(11);
    expect(body.days.at(-2)).toEqual({
      day: "2025-03-10",
      runs: 2,
      passed: 2,
      failed: 0,
      selective_runs: 0,
      tests_selected: 4,
      tests_total: 4,
      time_saved_ms: 0,
    });
    // text.test.ts was skipped; its newest duration is 900 ms (the second full run), not 800.
    expect(body.days.at(-1)).toMatchObject({ day: "2025-03-11", runs: 1, failed: 1, time_saved_ms: 900 });
    expect(body.totals).toMatchObject({ runs: 3, failed: 1, tests_selected: 5, tests_total: 6 });
    expect(body.totals.share_of_tests_run).toBeCloseTo(5 / 6);
    expect(body.time_saved).toEqual({
      per_day_ms: Math.round(900 / 11),
      last_7_days_ms: 900,
      previous_7_days_ms: 0,
      trend: null,
    });
    expect(body.weeks.map((w: { week: string }) => w.week)).toEqual([
      "2025-02-24",
      "2025-03-03",
      "2025-03-10",
    ]);
    expect(body.weeks.at(-1)).toMatchObject({ runs: 3, time_saved_ms: 900 });
  });

  it("falls back to durations uploaded from local state, and counts an unmeasured test as nothing", async () => {
    kit = await makeKit();
    await kit.storage.durations.store(kit.orgId, kit.repoId, [
      {
        test_path: "test/text.test.ts",
        duration_ms: 4321,
        measured_at: "2025-03-01T00:00:00.000Z",
        commit_sha: SHA,
      },
    ]);
    await selectiveRun([{ test_path: "test/math.test.ts", outcome: "passed", duration_ms: 10 }]);
    const priced = (await insights()).json();
    expect(priced.totals.time_saved_ms).toBe(4321);
    kit = await (async () => {
      await kit.close();
      return makeKit();
    })();
    await selectiveRun([{ test_path: "test/math.test.ts", outcome: "passed", duration_ms: 10 }]);
    expect((await insights()).json().totals).toMatchObject({ runs: 1, time_saved_ms: 0 });
  });

  it("measures each model's safety on canary full runs: faulty changes and failing tests caught", async () => {
    kit = await makeKit();
    // Change 1 fails a and b: the graph keeps a (caught, 1 of 2 tests); model m1 skips both (missed).
    await canaryRun(
      "run_c1",
      ["a.test.ts", "b.test.ts"],
      [
        { model: "cold-start", skipped: ["b.test.ts", "c.test.ts"] },
        { model: "m1", skipped: ["a.test.ts", "b.test.ts"] },
      ],
    );
    kit.clock.advance(HOUR);
    // Change 2 fails c: both keep it.
    await canaryRun(
      "run_c2",
      ["c.test.ts"],
      [
        { model: "cold-start", skipped: ["a.test.ts"] },
        { model: "m1", skipped: ["a.test.ts", "b.test.ts"] },
      ],
    );
    kit.clock.advance(HOUR);
    // Change 3 breaks nothing: it counts as a run, not as a faulty change.
    await canaryRun("run_c3", [], [{ model: "cold-start", skipped: ["a.test.ts"] }]);
    kit.clock.advance(HOUR);
    const { safety } = (await insights()).json();
    expect(safety).toEqual({
      canary_runs: 3,
      models: [
        {
          model: "cold-start",
          runs: 3,
          faulty_changes: 2,
          faulty_changes_caught: 2,
          failing_tests: 3,
          failing_tests_caught: 2,
          change_recall: 1,
          test_recall: 2 / 3,
          tests_skipped: 4,
        },
        {
          model: "m1",
          runs: 2,
          faulty_changes: 2,
          faulty_changes_caught: 1,
          failing_tests: 3,
          failing_tests_caught: 1,
          change_recall: 0.5,
          test_recall: 1 / 3,
          tests_skipped: 4,
        },
      ],
    });
  });

  it("answers another organization's repository 404, and a reversed or too long range 400", async () => {
    kit = await makeKit();
    const other = await kit.call(kit.tokens.other, { url: `/v1/repos/${kit.repoId}/insights` });
    expect(other.statusCode).toBe(404);
    const reversed = await insights("?from=2025-03-10&to=2025-03-01");
    expect([reversed.statusCode, reversed.json().error.message]).toEqual([
      400,
      "querystring.from (2025-03-10T00:00:00.000Z) must be before to (2025-03-02T00:00:00.000Z)",
    ]);
    expect((await insights("?from=2020-01-01&to=2025-01-01")).statusCode).toBe(400);
    expect((await insights("?from=yesterday")).statusCode).toBe(400);
  });
});

describe("GET /v1/tests/metrics", () => {
  it("gives each test file its failure rate, p95 duration and flakiness over the newest runs", async () => {
    kit = await makeKit();
    const durations = [
      100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900,
      2000,
    ];
    for (const [i, ms] of durations.entries()) {
      await fullRun(
        [
          { test_path: "test/math.test.ts", outcome: i === 0 ? "failed" : "passed", duration_ms: ms },
          { test_path: "test/text.test.ts", outcome: i < 5 ? "failed" : "passed", duration_ms: 50 },
        ],
        SHA,
      );
      kit.clock.advance(60_000);
    }
    const url = `/v1/tests/metrics?repo_id=${kit.repoId}`;
    const body = (await kit.call(kit.tokens.read, { url })).json();
    expect(body.runs).toBe(20);
    // Every run is of the same commit (SHA): passing and failing on it is flaky.
    expect(body.tests).toEqual([
      {
        test_path: "test/text.test.ts",
        runs: 20,
        failures: 5,
        failure_rate: 0.25,
        p50_duration_ms: 50,
        p95_duration_ms: 50,
        flaky: true,
        flaky_commits: 1,
      },
      {
        test_path: "test/math.test.ts",
        runs: 20,
        failures: 1,
        failure_rate: 0.05,
        p50_duration_ms: 1000,
        p95_duration_ms: 1900,
        flaky: true,
        flaky_commits: 1,
      },
    ]);
    const newest = (await kit.call(kit.tokens.read, { url: `${url}&runs=10` })).json();
    expect(newest.runs).toBe(10);
    expect(
      newest.tests.map((t: { test_path: string; failures: number; flaky: boolean }) => [
        t.test_path,
        t.failures,
        t.flaky,
      ]),
    ).toEqual([
      ["test/math.test.ts", 0, false],
      ["test/text.test.ts", 0, false],
    ]);
  });

  it("answers another organization's repository 404 and is in the OpenAPI document", async () => {
    kit = await makeKit();
    const other = await kit.call(kit.tokens.other, { url: `/v1/tests/metrics?repo_id=${kit.repoId}` });
    expect(other.statusCode).toBe(404);
    const doc = (await kit.app.inject({ url: "/v1/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/v1/repos/{id}/insights", "/v1/tests/metrics"]),
    );
  });
});
