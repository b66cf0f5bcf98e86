import { afterEach, describe, expect, it } from "vitest";
import { type Kit, makeKit, SHA, selectionBody } from "../../test/support/service-kit.js";
import { deliveriesOf } from "../../test/support/webhook-deliveries.js";

let kit: Kit;
afterEach(() => kit.close());

const errorOf = (body: string) => JSON.parse(body).error;
const HOUR = 60 * 60 * 1000;

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return kit.call(kit.tokens.write, {
    method: "POST",
    url,
    payload: payload as Record<string, unknown>,
    headers,
  });
}

const run = async (id: string) => (await kit.call(kit.tokens.read, { url: `/v1/runs/${id}` })).json();

/** Every event the organization's webhook was sent. */
async function events(): Promise<string[]> {
  return (await deliveriesOf(kit.storage, kit.orgId, "wh_all")).map((d) => d.event);
}

async function listenToEverything(): Promise<void> {
  await kit.storage.createWebhook(
    kit.orgId,
    {
      id: "wh_all",
      url: "https://hooks.example.com/x",
      events: ["run.started", "run.passed", "run.failed"],
      created_at: kit.clock.now().toISOString(),
    },
    "s",
  );
}

/** A change that reaches no test: the selection selects nothing. */
function nothingSelected(extra: Record<string, unknown> = {}) {
  const body = selectionBody(kit.repoId, extra);
  return { ...body, tests: [body.tests[1]] };
}

const PASSED = (path: string) => ({ test_path: path, outcome: "passed", duration_ms: 10 });
const FAILED = (path: string) => ({ test_path: path, outcome: "failed", duration_ms: 10 });
const CI = { ci_run_url: "https://github.com/acme/web/actions/runs/77", ci_job: "test" };

describe("a run with nothing to run", () => {
  it("is passed the moment it is decided, with 0 ran, from POST /v1/runs and /v1/selection alike", async () => {
    kit = await makeKit();
    await listenToEverything();
    const started = await post("/v1/runs", nothingSelected());
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({
      status: "passed",
      tests_selected: 0,
      duration_ms: 0,
      results: [],
    });
    const selected = (await post("/v1/selection", nothingSelected())).json();
    expect((await run(selected.run_id)).status).toBe("passed");
    expect(await events()).toEqual(["run.passed", "run.passed"]);
  });

  it("counts what it skipped as time saved, though no report will come", async () => {
    kit = await makeKit();
    const measured = { duration_ms: 4321, measured_at: "2025-03-01T00:00:00.000Z", commit_sha: SHA };
    await kit.storage.durations.store(kit.orgId, kit.repoId, [
      { test_path: "test/text.test.ts", ...measured },
    ]);
    await post("/v1/runs", nothingSelected());
    const insights = await kit.call(kit.tokens.read, { url: `/v1/repos/${kit.repoId}/insights` });
    expect(insights.json().totals).toMatchObject({ runs: 1, time_saved_ms: 4321 });
  });

  it("stays passed when its shards report that they ran nothing", async () => {
    kit = await makeKit();
    const first = (await post("/v1/runs", nothingSelected({ ...CI, shard: { index: 1, total: 2 } }))).json();
    const report = await post(`/v1/runs/${first.id}/results`, { results: [], shard: { index: 1, total: 2 } });
    expect(report.json()).toMatchObject({ status: "passed", shards_reported: [1] });
  });

  it("passes when the action reports that it ran nothing", async () => {
    kit = await makeKit();
    const id = (await post("/v1/runs", selectionBody(kit.repoId))).json().id;
    const report = await post(`/v1/runs/${id}/results`, { results: [] });
    expect(report.json()).toMatchObject({ status: "passed", results: [], warnings: [] });
  });
});

describe("a sharded run", () => {
  it("has one run for the shards of one CI job, passed or failed only once every shard reported", async () => {
    kit = await makeKit();
    await listenToEverything();
    const shard = (index: number) => selectionBody(kit.repoId, { ...CI, shard: { index, total: 3 } });
    const first = await post("/v1/runs", shard(2));
    expect([first.statusCode, first.json().shard_total, first.json().status]).toEqual([201, 3, "running"]);
    const id = first.json().id;
    const second = await post("/v1/runs", shard(1));
    const third = await post("/v1/runs", shard(3));
    expect([second.statusCode, second.json().id, third.statusCode, third.json().id]).toEqual([
      200,
      id,
      200,
      id,
    ]);
    // Another job of the same workflow run is another run.
    const other = await post(
      "/v1/runs",
      selectionBody(kit.repoId, { ...CI, ci_job: "e2e", shard: { index: 1, total: 3 } }),
    );
    expect([other.statusCode, other.json().id === id]).toEqual([201, false]);

    const report = (index: number, results: unknown[]) =>
      post(`/v1/runs/${id}/results`, { results, shard: { index, total: 3 } });
    expect((await report(2, [PASSED("test/math.test.ts")])).json()).toMatchObject({
      status: "running",
      shards_reported: [2],
    });
    expect((await report(1, [])).json()).toMatchObject({ status: "running", shards_reported: [1, 2] });
    const last = (await report(3, [FAILED("test/text.test.ts")])).json();
    expect(last).toMatchObject({ status: "failed", shards_reported: [1, 2, 3] });
    // A re-run of the failed shard (a new attempt of the same workflow run) reports to the same run.
    const rerun = (await report(3, [PASSED("test/text.test.ts")])).json();
    expect(rerun.status).toBe("passed");
    expect((await events()).sort()).toEqual(["run.failed", "run.passed", "run.started", "run.started"]);
    const failed = (await deliveriesOf(kit.storage, kit.orgId, "wh_all")).find(
      (d) => d.event === "run.failed",
    );
    expect(JSON.parse(failed!.payload).data.run).toMatchObject({
      id,
      ci_run_url: CI.ci_run_url,
      branch: null,
    });
  });

  it("takes the place of a run queued for the commit with its first shard; the others join it", async () => {
    kit = await makeKit();
    const queued = await post("/v1/runs", { repo_id: kit.repoId, commit_sha: SHA, policy_ref: "main" });
    expect(queued.json().status).toBe("queued");
    const shard = (index: number) => selectionBody(kit.repoId, { ...CI, shard: { index, total: 2 } });
    const first = await post("/v1/runs", shard(1));
    const second = await post("/v1/runs", shard(2));
    expect([first.statusCode, first.json().id, first.json().status]).toEqual([
      201,
      queued.json().id,
      "running",
    ]);
    expect([second.statusCode, second.json().id]).toEqual([200, queued.json().id]);
  });

  it("takes the shard from ?shard=I/N for JUnit XML, and refuses shards that do not fit", async () => {
    kit = await makeKit();
    const id = (await post("/v1/selection", selectionBody(kit.repoId))).json().run_id;
    const xml = `<testsuites><testsuite name="test/math.test.ts"><testcase classname="test/math.test.ts" name="adds" time="0.1"/></testsuite></testsuites>`;
    const first = await post(`/v1/runs/${id}/results?shard=1/2`, xml, { "content-type": "application/xml" });
    expect(first.json()).toMatchObject({ status: "running", shard_total: 2, shards_reported: [1] });
    const wrongTotal = await post(`/v1/runs/${id}/results?shard=2/3`, xml, {
      "content-type": "application/xml",
    });
    expect([wrongTotal.statusCode, errorOf(wrongTotal.body).message]).toEqual([
      409,
      `run ${id} reports in 2 shards, not 3: shard 2/3 does not fit`,
    ]);
    const unnamed = await post(`/v1/runs/${id}/results`, { results: [] });
    expect([unnamed.statusCode, errorOf(unnamed.body).code]).toEqual([409, "CONFLICT"]);
    const beyond = await post(`/v1/runs/${id}/results?shard=3/2`, { results: [] });
    expect([beyond.statusCode, errorOf(beyond.body).message]).toEqual([
      400,
      "shard 3/2 does not exist (I/N, 1 <= I <= N)",
    ]);
    const disagree = await post(`/v1/runs/${id}/results?shard=2/2`, {
      results: [],
      shard: { index: 1, total: 2 },
    });
    expect(disagree.statusCode).toBe(400);
    const done = await post(`/v1/runs/${id}/results?shard=2/2`, xml, { "content-type": "text/xml" });
    expect(done.json()).toMatchObject({ status: "passed", shards_reported: [1, 2] });
  });

  it("needs the CI run's URL to join its shards", async () => {
    kit = await makeKit();
    const response = await post("/v1/runs", selectionBody(kit.repoId, { shard: { index: 1, total: 2 } }));
    expect([response.statusCode, errorOf(response.body).message]).toEqual([
      400,
      "body.ci_run_url: a sharded run needs the CI run's URL, so that its shards find one another",
    ]);
  });
});

describe("a run that never hears back", () => {
  it("turns incomplete once the run timeout passes without a report, and a late report completes it", async () => {
    kit = await makeKit({ runTimeoutMs: 2 * HOUR });
    const body = selectionBody(kit.repoId, { ...CI, shard: { index: 1, total: 2 } });
    const id = (await post("/v1/runs", body)).json().id;
    kit.clock.advance(HOUR);
    await post(`/v1/runs/${id}/results`, { results: [], shard: { index: 1, total: 2 } });
    kit.clock.advance(2 * HOUR - 1);
    expect((await run(id)).status).toBe("running");
    kit.clock.advance(1);
    expect((await run(id)).status).toBe("running");
    kit.clock.advance(1);
    expect((await run(id)).status).toBe("incomplete");
    const listed = (await kit.call(kit.tokens.read, { url: "/v1/runs?status=incomplete" })).json();
    expect(listed.runs.map((r: { id: string }) => r.id)).toEqual([id]);
    const late = await post(`/v1/runs/${id}/results`, {
      results: [PASSED("test/math.test.ts")],
      shard: { index: 2, total: 2 },
    });
    expect(late.json()).toMatchObject({ status: "passed", shards_reported: [1, 2] });
  });

  it("leaves pending selections and finished runs alone", async () => {
    kit = await makeKit({ runTimeoutMs: HOUR });
    const pending = (await post("/v1/selection", selectionBody(kit.repoId))).json().run_id;
    const finished = (await post("/v1/runs", selectionBody(kit.repoId))).json().id;
    await post(`/v1/runs/${finished}/results`, { results: [PASSED("test/math.test.ts")] });
    kit.clock.advance(10 * HOUR);
    expect([(await run(pending)).status, (await run(finished)).status]).toEqual(["pending", "passed"]);
  });
});

describe("results that name no test of the run", () => {
  it("stores a package-relative path as the one test it names, and warns about the rest", async () => {
    kit = await makeKit();
    const body = selectionBody(kit.repoId);
    const tests = [
      ...body.tests,
      { path: "packages/a/tests/index.test.tsx", features: body.tests[0]!.features },
      { path: "packages/b/tests/index.test.tsx", features: body.tests[0]!.features },
    ];
    const id = (await post("/v1/runs", { ...body, tests })).json().id;
    const report = await post(`/v1/runs/${id}/results`, {
      results: [PASSED("math.test.ts"), FAILED("tests/index.test.tsx"), PASSED("nowhere.test.ts")],
    });
    const answer = report.json();
    expect(answer.status).toBe("failed");
    expect(answer.results.map((r: { test_path: string }) => r.test_path)).toEqual([
      "nowhere.test.ts",
      "test/math.test.ts",
      "tests/index.test.tsx",
    ]);
    expect(answer.warnings).toEqual([
      {
        code: "REMAPPED",
        test_path: "math.test.ts",
        message:
          '"math.test.ts" is not a repository path; stored as test/math.test.ts, the only test of the run it names',
      },
      {
        code: "UNKNOWN_TEST",
        test_path: "tests/index.test.tsx",
        message:
          '"tests/index.test.tsx" is no test of this run (2 test files that ran end with it (packages/a/tests/index.test.tsx, packages/b/tests/index.test.tsx): write each package\'s report inside its folder, or have the runner write repository paths (JUnit `file` attribute)); stored as given',
      },
      {
        code: "UNKNOWN_TEST",
        test_path: "nowhere.test.ts",
        message:
          '"nowhere.test.ts" is no test of this run (no test file of the repository has this path or ends with it); stored as given',
      },
    ]);
  });

  it("keeps results the reporter could not map out of every test's history, yet fails the run on them", async () => {
    kit = await makeKit();
    const id = (await post("/v1/runs", selectionBody(kit.repoId))).json().id;
    const lost = { ...FAILED("tests/index.test.tsx"), reason: "2 test files that ran end with it" };
    const report = await post(`/v1/runs/${id}/results`, {
      results: [PASSED("test/math.test.ts")],
      unmapped: [lost],
    });
    const answer = report.json();
    expect([answer.status, answer.results.length]).toEqual(["failed", 1]);
    expect(answer.warnings).toEqual([
      {
        code: "UNMAPPED",
        test_path: "tests/index.test.tsx",
        message:
          '"tests/index.test.tsx" (failed) maps to no test of the repository (2 test files that ran end with it): not stored as any test\'s result, and the run fails',
      },
    ]);
    // A later report of the same unsharded run does not forget the failure.
    const again = await post(`/v1/runs/${id}/results`, { results: [PASSED("test/text.test.ts")] });
    expect(again.json().status).toBe("failed");
  });
});
