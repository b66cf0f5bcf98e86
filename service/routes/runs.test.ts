import { afterEach, describe, expect, it } from "vitest";
import { type Kit, makeKit, SHA, selectionBody } from "../../test/support/service-kit.js";

let kit: Kit;
afterEach(() => kit.close());

const errorOf = (body: string) => JSON.parse(body).error;

const CONTEXT = {
  branch: "feature/login",
  pull_request: 42,
  event: "pull_request",
  actor: "octocat",
  ci_run_url: "https://github.com/acme/web/actions/runs/123",
  ci_job: "test",
};
const { ci_job: _job, ...CONTEXT_STORED } = CONTEXT;

const DECISIONS = [
  {
    test_path: "test/math.test.ts",
    selected: true,
    confidence: 0.9734,
    reasons: ["graph: src/math.ts -> test/math.test.ts; uses changed add"],
  },
  {
    test_path: "test/text.test.ts",
    selected: false,
    confidence: 0.011,
    reasons: ["no import path from a changed file"],
  },
];

async function post(url: string, payload: unknown, token = kit.tokens.write) {
  return kit.call(token, { method: "POST", url, payload: payload as Record<string, unknown> });
}

describe("POST /v1/selection", () => {
  it("decides with the selector's rule, stores the run pending and returns the selection", async () => {
    kit = await makeKit();
    const response = await post("/v1/selection", selectionBody(kit.repoId));
    expect(response.statusCode).toBe(200);
    const { timings, run_id, ...body } = response.json();
    expect(run_id).toMatch(/^run_[0-9A-Za-z]{20}$/);
    expect(Object.keys(timings)).toEqual(["decide_ms"]);
    expect(body).toEqual({
      model_version: "cold-start",
      mode: "selective",
      confidence_threshold: 0.85,
      granularity: "symbol",
      tests_selected: 1,
      tests_total: 2,
      decisions: DECISIONS,
      deleted_tests: ["test/old.test.ts"],
      changed_files: [
        { path: "src/math.ts", status: "modified" },
        { path: "test/old.test.ts", status: "deleted" },
      ],
      warnings: [],
    });
    const run = (await kit.call(kit.tokens.read, { url: `/v1/runs/${run_id}` })).json();
    expect(run).toMatchObject({ id: run_id, status: "pending", decisions: DECISIONS, results: [] });
  });

  it("takes the threshold from the policy, the request's threshold over it, and runs all in full mode", async () => {
    kit = await makeKit();
    const policy = "selection:\n  confidence_threshold: 0.995\n";
    const fromPolicy = (await post("/v1/selection", selectionBody(kit.repoId, { policy }))).json();
    expect([fromPolicy.confidence_threshold, fromPolicy.tests_selected]).toEqual([0.995, 2]);
    const overridden = (
      await post("/v1/selection", selectionBody(kit.repoId, { policy, confidence_threshold: 0.5 }))
    ).json();
    expect([overridden.confidence_threshold, overridden.tests_selected]).toEqual([0.5, 1]);
    const full = (
      await post("/v1/selection", selectionBody(kit.repoId, { full_reason: "package.json changed" }))
    ).json();
    expect([full.mode, full.full_reason, full.tests_selected]).toEqual(["full", "package.json changed", 2]);
    expect(full.decisions[1].reasons).toEqual(["package.json changed"]);
  });

  it("answers an invalid policy with 422 POLICY_INVALID naming the key, and stores no run", async () => {
    kit = await makeKit();
    const asObject = await post(
      "/v1/selection",
      selectionBody(kit.repoId, { policy: { selection: { confidence_treshold: 0.9 } } }),
    );
    expect(asObject.statusCode).toBe(422);
    expect(errorOf(asObject.body)).toMatchObject({
      code: "POLICY_INVALID",
      message:
        'policy.selection.confidence_treshold: unknown key "confidence_treshold" (did you mean "confidence_threshold"?)',
    });
    const asText = await post(
      "/v1/selection",
      selectionBody(kit.repoId, { policy: "canary:\n  window: 0\n" }),
    );
    expect(errorOf(asText.body)).toMatchObject({
      code: "POLICY_INVALID",
      message:
        ".superplane/policy.yml:2:3: canary.window: must be a whole number of runs, at least 1 (got 0)",
    });
    expect((await kit.storage.listRuns(kit.orgId, { page: 1, perPage: 5 })).total).toBe(0);
  });

  it("answers an unknown or another organization's repository with NOT_FOUND", async () => {
    kit = await makeKit();
    const otherRepo = await kit.storage.connectRepo(kit.otherOrgId, "globex/app", kit.clock.now());
    for (const repoId of ["repo_missing", otherRepo.id]) {
      const response = await post("/v1/selection", selectionBody(repoId));
      expect([response.statusCode, errorOf(response.body).message]).toEqual([
        404,
        `repository ${repoId} not found`,
      ]);
    }
  });

  it("refuses two entries for one test, side by side in path order or apart", async () => {
    kit = await makeKit();
    const body = selectionBody(kit.repoId);
    const [first, second] = body.tests;
    for (const [tests, at] of [
      [[first, first, second], 1],
      [[second, first, second], 2],
    ] as const) {
      const response = await post("/v1/selection", { ...body, tests });
      expect([response.statusCode, errorOf(response.body).message]).toEqual([
        400,
        `body.tests[${at}].path: duplicate test "${tests[at]!.path}"`,
      ]);
    }
  });
});

describe("runs", () => {
  it("starts a run as running with its decisions and lists runs newest first with filters", async () => {
    kit = await makeKit();
    const started = await post("/v1/runs", selectionBody(kit.repoId, { policy_ref: "main", ...CONTEXT }));
    expect(started.statusCode).toBe(201);
    expect(started.json()).toEqual({
      id: started.json().id,
      repo_id: kit.repoId,
      commit_sha: SHA,
      base_sha: null,
      policy_ref: "main",
      status: "running",
      mode: "selective",
      full_reason: null,
      granularity: "symbol",
      tests_selected: 1,
      tests_total: 2,
      confidence_threshold: 0.85,
      model_version: "cold-start",
      duration_ms: null,
      created_at: "2025-03-10T12:00:00.000Z",
      updated_at: "2025-03-10T12:00:00.000Z",
      ...CONTEXT_STORED,
      shard_total: null,
      decisions: DECISIONS,
      results: [],
      shards_reported: [],
    });
    kit.clock.advance(1000);
    const second = (await post("/v1/selection", selectionBody(kit.repoId))).json().run_id;
    const list = (await kit.call(kit.tokens.read, { url: "/v1/runs?per_page=1&page=2" })).json();
    expect(list).toEqual({
      runs: [
        {
          id: started.json().id,
          repo_id: kit.repoId,
          commit_sha: SHA,
          status: "running",
          mode: "selective",
          tests_selected: 1,
          tests_total: 2,
          duration_ms: null,
          created_at: "2025-03-10T12:00:00.000Z",
          ...CONTEXT_STORED,
          shard_total: null,
        },
      ],
      page: 2,
      per_page: 1,
      total: 2,
    });
    const pending = (
      await kit.call(kit.tokens.read, { url: `/v1/runs?status=pending&repo_id=${kit.repoId}` })
    ).json();
    expect(pending.runs.map((r: { id: string }) => r.id)).toEqual([second]);
    const ids = async (query: string) =>
      (await kit.call(kit.tokens.read, { url: `/v1/runs?${query}` }))
        .json()
        .runs.map((r: { id: string }) => r.id);
    expect(await ids("branch=feature%2Flogin")).toEqual([started.json().id]);
    expect(await ids("pull_request=42&status=running")).toEqual([started.json().id]);
    expect(await ids("pull_request=43")).toEqual([]);
    expect(await ids("branch=main")).toEqual([]);
    expect((await kit.call(kit.tokens.read, { url: "/v1/runs?pull_request=x" })).statusCode).toBe(400);
    const bad = await kit.call(kit.tokens.read, { url: "/v1/runs?per_page=500" });
    expect([bad.statusCode, errorOf(bad.body).message]).toEqual([
      400,
      "querystring.per_page: must be <= 100",
    ]);
  });

  it("never shows one organization's runs to another: 404 and an empty list", async () => {
    kit = await makeKit();
    const id = (await post("/v1/runs", selectionBody(kit.repoId))).json().id;
    const read = await kit.call(kit.tokens.other, { url: `/v1/runs/${id}` });
    expect([read.statusCode, errorOf(read.body).message]).toEqual([404, `run ${id} not found`]);
    const report = await post(`/v1/runs/${id}/results`, { results: [] }, kit.tokens.other);
    expect(report.statusCode).toBe(404);
    expect((await kit.call(kit.tokens.other, { url: "/v1/runs" })).json()).toEqual({
      runs: [],
      page: 1,
      per_page: 20,
      total: 0,
    });
  });
});

describe("dashboard_url", () => {
  it("links a run's page under the service's public URL, and is absent without one", async () => {
    kit = await makeKit({ publicUrl: "https://sp.example.com" });
    const started = (await post("/v1/runs", selectionBody(kit.repoId))).json();
    expect(started.dashboard_url).toBe(`https://sp.example.com/runs/${started.id}`);
    const selected = (await post("/v1/selection", selectionBody(kit.repoId))).json();
    expect(selected.dashboard_url).toBe(`https://sp.example.com/runs/${selected.run_id}`);
    const read = await kit.call(kit.tokens.read, { method: "GET", url: `/v1/runs/${started.id}` });
    expect(read.json().dashboard_url).toBe(`https://sp.example.com/runs/${started.id}`);
    await kit.close();
    kit = await makeKit();
    expect((await post("/v1/runs", selectionBody(kit.repoId))).json()).not.toHaveProperty("dashboard_url");
  });
});
