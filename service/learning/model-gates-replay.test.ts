import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitDraw } from "../../selector/model/canary.js";
import { ManualClock, START } from "../../test/support/service-kit.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import { openStorage } from "../storage/kysely-storage.js";
import type { Storage } from "../storage/storage.js";

/**
 * The target, replayed through the real service: histories in which the trainer produces a
 * model that gives every test one confidence, or one that selects more than the graph alone. Such a
 * model must never decide more than the canary's share of the runs (the canary runs everything).
 */

const hitFeatures = {
  reachable: true,
  distance: 1,
  symbolHit: true,
  weakOnly: false,
  changedFilesReaching: 1,
  maxFanIn: 2,
  typeTest: false,
};
const nameOnlyFeatures = { ...hitFeatures, distance: 2, symbolHit: false };

const DIRECTS = [0, 1, 2, 3, 4, 5].map((i) => `test/direct-${i}.test.ts`);
const NAME_ONLY = [0, 1, 2, 3].map((i) => `test/name-only-${i}.test.ts`);
const CANARY = { full_run_rate: 0.2, max_miss_rate: 0.01, window: 5 };

interface Answer {
  id: string;
  mode: "selective" | "full";
  model_version: string;
  tests_selected: number;
  graph_alone?: { tests_selected: number; added_by_model: string[] };
  decisions: { test_path: string; selected: boolean }[];
}

describe("a model that only ever helps (replayed histories on SQLite)", () => {
  let storage: Storage;
  let app: FastifyInstance;
  let token: string;
  let repoId: string;
  const clock = new ManualClock(START);
  let commit = 0;

  beforeEach(async () => {
    storage = await openStorage({ url: ":memory:" });
    const orgId = (await storage.ensureOrganization("acme", START)).id;
    repoId = (await storage.connectRepo(orgId, "acme/web", START)).id;
    const minted = mintToken();
    await storage.createToken(orgId, "read+write", minted.hash, START);
    token = minted.token;
    app = await buildApp({ storage, clock, resolveHost: async () => ["8.8.8.8"] });
  });
  afterEach(async () => {
    await app.close();
    await storage.close();
  });

  const call = (method: "GET" | "POST", url: string, payload?: Record<string, unknown>) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  /** One commit: the run as decided, then the failures among what ran reported. */
  async function replay(tests: object[], failing: (test: string) => boolean, forced: string[] = []) {
    commit += 1;
    clock.advance(60_000);
    const body = {
      repo_id: repoId,
      commit_sha: commit.toString(16).padStart(40, "0"),
      changed_files: [{ path: "src/a.ts", status: "modified" }],
      tests: tests.map((t) => {
        const path = (t as { path: string }).path;
        return forced.includes(path) ? { ...t, forced: [`always_run "${path}"`] } : t;
      }),
      policy: { version: 1, canary: CANARY },
    };
    const run = (await call("POST", "/v1/runs", body)).json() as Answer;
    const results = run.decisions
      .filter((d) => d.selected)
      .map((d) => ({
        test_path: d.test_path,
        outcome: failing(d.test_path) ? "failed" : "passed",
        duration_ms: 5,
      }));
    clock.advance(1000);
    expect((await call("POST", `/v1/runs/${run.id}/results`, { results })).statusCode).toBe(200);
    return { run, canary: commitDraw("canary", body.commit_sha) < CANARY.full_run_rate };
  }

  const models = async () =>
    (await call("GET", `/v1/repos/${repoId}/models`)).json() as {
      serving_model: string;
      candidate_model: string | null;
      models: { id: string; status: string; reason: string | null }[];
    };

  it("never serves a model trained on tests the inputs cannot tell apart (every weight 0)", async () => {
    // Each commit brings ten new direct users, half of which fail: every input, graph and history
    // alike, is the same for all of them, so the fit can only learn an intercept (the incident).
    const decided: Answer[] = [];
    for (let i = 0; i < 40; i++) {
      const tests = Array.from({ length: 10 }, (_, k) => ({
        path: `test/c${i}/t${k}.test.ts`,
        features: hitFeatures,
        used_names: ["a"],
      }));
      const { run } = await replay(tests, (test) => Number(test.slice(-9, -8)) % 2 === 0);
      decided.push(run);
    }
    const state = await models();
    // Models were trained (every 5 labelled runs once the minimum was met) and every one refused.
    expect(state.models.length).toBeGreaterThan(0);
    for (const model of state.models) {
      expect(model.status).toBe("rejected");
      expect(model.reason).toMatch(/^degenerate: /);
    }
    expect([state.serving_model, state.candidate_model]).toEqual(["cold-start", null]);
    expect(decided.every((run) => run.model_version === "cold-start")).toBe(true);
  });

  it("never lets a model that selects more than the graph alone decide a run", async () => {
    const tests = [
      ...DIRECTS.map((path) => ({ path, features: hitFeatures, used_names: ["a"] })),
      ...NAME_ONLY.map((path) => ({ path, features: nameOnlyFeatures })),
    ];
    // History: a change of src/a.ts fails its direct users, and the tests reaching it only through
    // unchanged names fail too (they run by an always_run rule): the model learns to select them.
    for (let i = 0; i < 12; i++) {
      await replay(
        tests,
        (test) => DIRECTS.includes(test) || (NAME_ONLY.includes(test) && i % 2 === 0),
        NAME_ONLY,
      );
    }
    const trained = await models();
    expect(trained.candidate_model).not.toBeNull();
    // From now on only the direct users fail: selecting the name-only tests saves no failure.
    let ranMoreThanGraph = 0;
    let canaryRuns = 0;
    const runs = 60;
    for (let i = 0; i < runs; i++) {
      const { run, canary } = await replay(tests, (test) => DIRECTS.includes(test));
      if (canary) canaryRuns += 1;
      // The graph alone selects the six direct users; a full canary run runs ten.
      if (run.tests_selected > DIRECTS.length) ranMoreThanGraph += 1;
      expect(run.model_version).toBe("cold-start");
    }
    // More than the graph ran exactly in the canary's runs, and they are its share of the commits.
    expect(ranMoreThanGraph).toBe(canaryRuns);
    expect(canaryRuns / runs).toBeLessThan(CANARY.full_run_rate + 0.1);
    const state = await models();
    const rejected = state.models.filter((m) => m.status === "rejected");
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[rejected.length - 1]!.reason).toMatch(
      /^over 5 full runs it missed failing tests in 0 and would have skipped \d+ tests; the serving model \(cold-start\) missed in 0 and skipped \d+$/,
    );
    expect(state.serving_model).toBe("cold-start");
  });
});
