import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitDraw } from "../../selector/model/canary.js";
import { testDatabases } from "../../test/support/databases.js";
import { ManualClock, START } from "../../test/support/service-kit.js";
import { deliveriesOf } from "../../test/support/webhook-deliveries.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import type { Storage } from "../storage/storage.js";

const features = (reachable: boolean, distance: number, symbolHit: boolean) => ({
  reachable,
  distance,
  symbolHit,
  weakOnly: false,
  changedFilesReaching: reachable ? 1 : 0,
  maxFanIn: reachable ? 2 : 0,
  typeTest: false,
});

/** Five direct users of the change: a failing run fails all five, so ten runs reach the minimum. */
const DIRECTS = [0, 1, 2, 3, 4].map((i) => `test/direct-${i}.test.ts`);
const DIRECT = DIRECTS[0]!;
const NAME_ONLY = "test/name-only.test.ts";
const FAR = "test/far.test.ts";

/** The first commit sha from `from` on whose draws `accept` agrees, so canary choices are known. */
function shaWhere(from: number, accept: (sha: string) => boolean): string {
  for (let i = from; ; i++) {
    const sha = i.toString(16).padStart(40, "0");
    if (accept(sha)) return sha;
  }
}

/** A change to src/a.ts: one test uses it, one reaches it through unchanged names, one is unrelated. */
function selection(repoId: string, sha: string, policy: Record<string, unknown>, runNameOnly = false) {
  return {
    repo_id: repoId,
    commit_sha: sha,
    changed_files: [{ path: "src/a.ts", status: "modified" }],
    tests: [
      ...DIRECTS.map((path) => ({
        path,
        features: features(true, 1, true),
        graph_path: ["src/a.ts", path],
        used_names: ["a"],
      })),
      {
        path: NAME_ONLY,
        features: features(true, 2, false),
        graph_path: ["src/a.ts", "src/b.ts", NAME_ONLY],
        ...(runNameOnly ? { forced: [`always_run "${NAME_ONLY}"`] } : {}),
      },
      { path: FAR, features: features(false, 0, false) },
    ],
    policy,
  };
}

describe.each(testDatabases())("the learning loop on $name", (database) => {
  let storage: Storage;
  let app: FastifyInstance;
  let token: string;
  let repoId: string;
  let orgId: string;
  const clock = new ManualClock(START);
  let commit = 0;

  beforeAll(async () => {
    storage = await database.open();
    orgId = (await storage.ensureOrganization("acme", START)).id;
    repoId = (await storage.connectRepo(orgId, "acme/web", START)).id;
    const minted = mintToken();
    await storage.createToken(orgId, "read+write", minted.hash, START);
    token = minted.token;
    app = await buildApp({ storage, clock, resolveHost: async () => ["8.8.8.8"] });
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  const call = (method: "GET" | "POST", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  /** Starts a run, reports the given failures among the tests it selected, returns both answers. */
  async function cycle(
    sha: string,
    failing: string[],
    policy: Record<string, unknown>,
    passing: string[] = [],
    runNameOnly = false,
  ) {
    clock.advance(60_000);
    const run = (await call("POST", "/v1/runs", selection(repoId, sha, policy, runNameOnly))).json();
    const ran = run.decisions
      .filter((d: { selected: boolean }) => d.selected)
      .map((d: { test_path: string }) => d.test_path);
    const results = ran.map((test: string) => ({
      test_path: test,
      outcome: failing.includes(test) && !passing.includes(test) ? "failed" : "passed",
      duration_ms: 100,
    }));
    clock.advance(1000);
    const reported = await call("POST", `/v1/runs/${run.id}/results`, { results });
    expect(reported.statusCode).toBe(200);
    return { run, reported: reported.json() };
  }

  const models = async () => (await call("GET", `/v1/repos/${repoId}/models`)).json();
  const nextSha = () => {
    commit += 1;
    return commit.toString(16).padStart(40, "0");
  };

  it("imports co-change history and exposes it with the repository's models", async () => {
    const imported = await call("POST", `/v1/repos/${repoId}/history`, {
      commits: 40,
      files: [{ path: "src/a.ts", commits: 9 }],
      pairs: [{ source: "src/a.ts", test: FAR, count: 6 }],
    });
    expect(imported.json()).toMatchObject({ repo_id: repoId, commits: 40, files: 1, pairs: 1 });
    const coChange = await storage.learning.coChange(repoId, ["src/a.ts", "src/zzz.ts"]);
    expect(coChange.fileCommits).toEqual(new Map([["src/a.ts", 9]]));
    expect(coChange.pairs.get("src/a.ts")).toEqual(new Map([[FAR, 6]]));
    expect(await models()).toMatchObject({
      serving_model: "cold-start",
      candidate_model: null,
      history: { commits: 40, imported_at: clock.now().toISOString() },
      models: [],
    });
    const missing = await call("POST", "/v1/repos/repo_nope/history", { commits: 0, files: [], pairs: [] });
    expect(missing.statusCode).toBe(404);
  });

  it("answers a training request without labelled failures with VALIDATION_FAILED", async () => {
    const response = await call("POST", `/v1/repos/${repoId}/models/train`);
    expect([response.statusCode, response.json().error.code]).toEqual([400, "VALIDATION_FAILED"]);
  });

  const policy = { version: 1, canary: { full_run_rate: 1, max_miss_rate: 0.01, window: 3 } };
  const noCanary = { version: 1, canary: { full_run_rate: 0, max_miss_rate: 0.01, window: 3 } };

  it("learns from every reported run and trains a candidate only once the minimum is met", async () => {
    // NAME_ONLY, which the graph alone would skip, runs too: the model learns that it passes.
    for (let i = 0; i < 10; i++) {
      const { run } = await cycle(nextSha(), DIRECTS, noCanary, [], true);
      // No model yet: the graph-only selection decides and records its name.
      expect([run.model_version, run.mode]).toEqual(["cold-start", "selective"]);
      // Day one: FAR has no import path, but git says it changed with src/a.ts in 6 of 9 commits.
      const far = run.decisions.find((d: { test_path: string }) => d.test_path === FAR);
      expect(far).toMatchObject({ selected: true, confidence: 0.6 });
      expect(far.reasons).toContain("model cold-start + git co-change: confidence 0.6 (graph alone: 0.011)");
      if (i === 8) {
        // Nine runs with a failure and 45 failing test-runs: below the minimum, nothing is trained.
        const early = await call("POST", `/v1/repos/${repoId}/models/train`);
        expect(early.json().error.message).toContain(
          "9 labelled runs, 9 with a failure and 45 failing test-runs: a model needs at least 10 runs with a failure and 50 failing test-runs",
        );
        expect((await models()).models).toEqual([]);
      }
    }
    const state = await models();
    expect(state).toMatchObject({ labelled_runs: 10, failures: 50, runs_since_model: 0 });
    expect(state.models).toHaveLength(1);
    const [model] = state.models;
    expect(model).toMatchObject({ version: 1, status: "candidate", failures: 50, examples: 70 });
    expect(state.candidate_model).toBe(model.id);
    expect(model.positive_weight).toBeGreaterThanOrEqual(1);
    expect(Object.keys(model.weights)).toContain("coChange");
    const bucketed = model.calibration.reduce((n: number, b: { examples: number }) => n + b.examples, 0);
    expect(bucketed).toBe(model.examples);
  });

  it("never lets the candidate decide a run before it is promoted", async () => {
    const state = await models();
    for (let i = 0; i < 6; i++) {
      const sha = shaWhere(20_000 + i * 100, () => true);
      const run = (await call("POST", "/v1/selection", selection(repoId, sha, noCanary))).json();
      expect([run.model_version, run.mode]).toEqual([state.serving_model, "selective"]);
    }
  });

  it("runs canary full runs with shadow selections and promotes a candidate that misses no more and skips more", async () => {
    const candidate = (await models()).candidate_model;
    for (let i = 0; i < 3; i++) {
      const { run } = await cycle(nextSha(), DIRECTS, policy);
      expect(run.mode).toBe("full");
      expect(run.full_reason).toBe("canary: 100% of commits run every test to check the model's selection");
      expect(run.tests_selected).toBe(7);
    }
    const state = await models();
    expect(state.serving_model).toBe(candidate);
    expect(state.models[0]).toMatchObject({ id: candidate, status: "serving" });
  });

  it("records which model decided and what the graph alone would have run; a direct user is never dropped", async () => {
    const serving = (await models()).serving_model;
    const sha = shaWhere(10_000, (s) => commitDraw("canary", s) >= 0.1);
    const run = (await call("POST", "/v1/runs", selection(repoId, sha, {}))).json();
    expect(run.model_version).toBe(serving);
    const direct = run.decisions.find((d: { test_path: string }) => d.test_path === DIRECT);
    expect(direct.selected).toBe(true);
    // The graph alone would have run the five direct users and FAR (git co-change); the model adds none.
    expect(run.graph_alone).toEqual({ tests_selected: 6, added_by_model: [] });
    await call("POST", `/v1/runs/${run.id}/results`, { results: [] });
  });

  it("rolls back a model whose shadow selection skipped a failing test and fires canary.rollback", async () => {
    const hook = await call("POST", "/v1/webhooks", {
      url: "https://8.8.8.8/hook",
      events: ["canary.rollback"],
    });
    const serving = (await models()).serving_model;
    // The model learned that tests reached only through unchanged names never fail; this one does.
    const { run } = await cycle(nextSha(), [...DIRECTS, NAME_ONLY], policy);
    expect(run.mode).toBe("full");
    const state = await models();
    expect(state.serving_model).toBe("cold-start");
    const rolled = state.models.find((m: { id: string }) => m.id === serving);
    expect(rolled.status).toBe("rolled_back");
    expect(rolled.reason).toContain(`model ${serving} missed failing tests in 1 of the last`);
    expect(rolled.reason).toContain(`${NAME_ONLY} failed in ${run.id}`);
    const deliveries = await deliveriesOf(storage, orgId, hook.json().id);
    expect(deliveries.map((d) => d.event)).toEqual(["canary.rollback"]);
    expect(JSON.parse(deliveries[0]!.payload).data.rollback).toMatchObject({
      repo_id: repoId,
      from_model: serving,
      to_model: "cold-start",
      run_id: run.id,
      reason: rolled.reason,
    });
  });

  it("finds flaky tests, quarantines their failures, and counts them neither as misses nor labels", async () => {
    // Trained on demand: the candidate makes this repository's runs canary full runs again.
    const trained = await call("POST", `/v1/repos/${repoId}/models/train`);
    expect([trained.statusCode, trained.json().status]).toEqual([201, "candidate"]);
    const sha = nextSha();
    await cycle(sha, [], policy);
    const before = await models();
    const { reported } = await cycle(sha, [FAR], policy);
    // FAR passed and failed on one commit: flaky, quarantined (the default), so the run passes.
    expect(reported.status).toBe("passed");
    expect(reported.quarantined).toEqual([FAR]);
    const after = await models();
    expect(after.failures).toBe(before.failures);
    expect(after.serving_model).toBe(before.serving_model);
    const listed = (await call("GET", `/v1/tests/flaky?repo_id=${repoId}`)).json();
    expect(listed.tests).toEqual([
      {
        repo_id: repoId,
        test_path: FAR,
        flaky_commits: 1,
        failures: 1,
        runs: expect.any(Number),
        last_seen_at: clock.now().toISOString(),
        last_commit_sha: sha,
      },
    ]);
    // Without quarantine the same failure fails the run; it is still reported as flaky.
    const strict = { ...policy, flaky: { quarantine: false } };
    const again = await cycle(sha, [FAR], strict);
    expect([again.reported.status, again.reported.quarantined]).toEqual(["failed", []]);
  });
});
