import { afterEach, describe, expect, it } from "vitest";
import type { SelectionRequest } from "../../contract/selection.js";
import { unreachableFeatures } from "../../selector/model/features.js";
import { NO_HISTORY } from "../../selector/model/history.js";
import { trainModel } from "../../selector/model/train.js";
import { inputVector } from "../../selector/model/trained-model.js";
import { defaultPolicy } from "../../selector/policy/parse-policy.js";
import { makeKit, SHA, START, selectionBody } from "../../test/support/service-kit.js";
import { openStorage } from "../storage/kysely-storage.js";
import type { Storage } from "../storage/storage.js";
import { learnedSelection } from "./learned-selection.js";

let storage: Storage;
afterEach(() => storage.close());

function candidate() {
  const hit = { ...unreachableFeatures(false), reachable: true, symbolHit: true, distance: 1 };
  const examples = Array.from({ length: 20 }, (_, i) => ({
    x: inputVector(i % 2 === 0 ? hit : unreachableFeatures(false), NO_HISTORY),
    failed: i % 4 === 0,
  }));
  return trainModel(examples, { steps: 50 })!;
}

/** A repository with a candidate model and a policy that makes every run a canary full run. */
async function canaryRepo() {
  storage = await openStorage({ url: ":memory:" });
  const orgId = (await storage.ensureOrganization("acme", START)).id;
  const repoId = (await storage.connectRepo(orgId, "acme/web", START)).id;
  await storage.learning.addCandidate(orgId, repoId, candidate(), START);
  const policy = { ...defaultPolicy(), canary: { full_run_rate: 1, max_miss_rate: 0.01, window: 3 } };
  const body = selectionBody(repoId) as SelectionRequest;
  return { orgId, repoId, policy, body, math: body.tests[0]! };
}

describe("shadow selections", () => {
  it("judge coverage verdicts as the real selection does", async () => {
    const { orgId, repoId, policy, body, math } = await canaryRepo();
    const clear = { clear: true as const, commit: SHA, files: 1 };
    const input = {
      ...body,
      tests: [
        { ...math, coverage: clear },
        { ...math, path: "test/blind.test.ts", coverage: clear, coverage_blind: true },
      ],
    };
    const learned = await learnedSelection(storage, orgId, repoId, input, policy);
    expect(learned.record.is_canary).toBe(true);
    const [coldStart] = await learned.shadows(0.85);
    expect(coldStart).toEqual({ model: "cold-start", skipped: ["test/math.test.ts"] });
  });

  it("decide a large run a slice at a time: the loop turns while a canary's shadows are computed", async () => {
    const { orgId, repoId, policy, body, math } = await canaryRepo();
    const tests = Array.from({ length: 40_000 }, (_, i) => ({ ...math, path: `test/t${i}.test.ts` }));
    const learned = await learnedSelection(storage, orgId, repoId, { ...body, tests }, policy);
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns += 1;
      setImmediate(count);
    };
    setImmediate(count);
    const shadows = await learned.shadows(0.85);
    counting = false;
    expect(shadows.map((s) => s.model)).toEqual(["cold-start", expect.any(String)]);
    // Every test carries the same evidence: a shadow skips all of them or none.
    expect([0, 40_000]).toContain(shadows[0]!.skipped.length);
    expect(turns).toBeGreaterThan(1);
  });
});

describe("graph_alone", () => {
  it("tells, beside a run a serving model decided, what the graph alone would have run and what the model added", async () => {
    const kit = await makeKit();
    try {
      // A model that learned unreached tests fail: it selects one the graph alone skips.
      const hit = { ...unreachableFeatures(false), reachable: true, symbolHit: true, distance: 1 };
      const examples = Array.from({ length: 40 }, (_, i) => ({
        x: inputVector(i % 2 === 0 ? hit : unreachableFeatures(false), NO_HISTORY),
        failed: i % 4 === 1,
      }));
      const model = await kit.storage.learning.addCandidate(
        kit.orgId,
        kit.repoId,
        trainModel(examples)!,
        START,
      );
      await kit.storage.learning.promoteCandidate(kit.orgId, kit.repoId, model.id, START);
      const policy = { version: 1, canary: { full_run_rate: 0, max_miss_rate: 0.01, window: 3 } };
      const response = await kit.call(kit.tokens.write, {
        method: "POST",
        url: "/v1/runs",
        payload: selectionBody(kit.repoId, { policy }),
      });
      const run = response.json();
      expect([run.model_version, run.mode, run.tests_selected]).toEqual([model.id, "selective", 2]);
      expect(run.graph_alone).toEqual({ tests_selected: 1, added_by_model: ["test/text.test.ts"] });
      // The graph alone decides: nothing to compare with.
      await kit.storage.learning.rollback(
        kit.orgId,
        kit.repoId,
        { from: model.id, runId: run.id, reason: "test", missRate: 1, window: 1 },
        START,
      );
      const graph = await kit.call(kit.tokens.write, {
        method: "POST",
        url: "/v1/selection",
        payload: selectionBody(kit.repoId, { policy }),
      });
      expect(graph.json()).not.toHaveProperty("graph_alone");
    } finally {
      await kit.close();
    }
  });
});

describe("a serving model stored with an input this build no longer computes", () => {
  it("still decides, that input counting for nothing", async () => {
    const kit = await makeKit();
    try {
      const hit = { ...unreachableFeatures(false), reachable: true, symbolHit: true, distance: 1 };
      const examples = Array.from({ length: 40 }, (_, i) => ({
        x: inputVector(i % 2 === 0 ? hit : unreachableFeatures(false), NO_HISTORY),
        failed: i % 4 === 1,
      }));
      const trained = trainModel(examples)!;
      // `farFromChange` was withdrawn (docs/decisions.md); models stored before then carry it.
      const stored = {
        ...trained,
        inputs: [...trained.inputs, "farFromChange"],
        mean: [...trained.mean, 0.3],
        std: [...trained.std, 0.45],
        weights: [...trained.weights, -8],
      };
      const model = await kit.storage.learning.addCandidate(kit.orgId, kit.repoId, stored, START);
      await kit.storage.learning.promoteCandidate(kit.orgId, kit.repoId, model.id, START);
      const policy = { version: 1, canary: { full_run_rate: 0, max_miss_rate: 0.01, window: 3 } };
      const response = await kit.call(kit.tokens.write, {
        method: "POST",
        url: "/v1/runs",
        payload: selectionBody(kit.repoId, { policy }),
      });
      expect(response.statusCode).toBe(201);
      const run = response.json();
      // As the same model without the input decides (the graph_alone test above).
      expect([run.model_version, run.mode, run.tests_selected]).toEqual([model.id, "selective", 2]);
      const listed = await kit.call(kit.tokens.read, {
        method: "GET",
        url: `/v1/repos/${kit.repoId}/models`,
      });
      expect(listed.json().models[0].weights.farFromChange).toBe(-8);
    } finally {
      await kit.close();
    }
  });
});
