import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import { NO_HISTORY } from "../../selector/model/history.js";
import { trainModel } from "../../selector/model/train.js";
import { inputVector, type TrainedModel } from "../../selector/model/trained-model.js";
import { testDatabases } from "../../test/support/databases.js";
import type { Storage } from "./storage.js";

const at = (minute: number) => new Date(Date.UTC(2025, 0, 15, 12, minute));

function model(): TrainedModel {
  const hit = {
    ...unreachableFeatures(false),
    reachable: true,
    symbolHit: true,
    distance: 1,
    changedFilesReaching: 1,
  };
  const examples = Array.from({ length: 20 }, (_, i) => ({
    x: inputVector(i % 2 === 0 ? hit : unreachableFeatures(false), NO_HISTORY),
    failed: i % 4 === 0,
  }));
  return trainModel(examples, { steps: 50 })!;
}

describe.each(testDatabases())("learning storage on $name", (database) => {
  let storage: Storage;
  let orgId: string;
  let otherOrgId: string;
  let repoId: string;

  beforeAll(async () => {
    storage = await database.open();
    orgId = (await storage.ensureOrganization("acme", at(0))).id;
    otherOrgId = (await storage.ensureOrganization("globex", at(0))).id;
    repoId = (await storage.connectRepo(orgId, "acme/web", at(0))).id;
  });
  afterAll(() => database.dispose());

  const serving = async () => (await storage.learning.repoLearning(orgId, repoId)).serving?.id;

  it("versions models: a candidate is promoted, replaced ones retire, rejected ones say why", async () => {
    const first = await storage.learning.addCandidate(orgId, repoId, model(), at(1));
    expect([first.version, first.status]).toEqual([1, "candidate"]);
    expect(await storage.learning.promoteCandidate(orgId, repoId, first.id, at(2))).toBe(true);
    // A second replica judging the same run a moment later finds the candidate gone.
    expect(await storage.learning.promoteCandidate(orgId, repoId, first.id, at(2))).toBe(false);
    const second = await storage.learning.addCandidate(orgId, repoId, model(), at(3));
    await storage.learning.promoteCandidate(orgId, repoId, second.id, at(4));
    const third = await storage.learning.addCandidate(orgId, repoId, model(), at(5));
    await storage.learning.rejectCandidate(orgId, repoId, third.id, "missed more", at(6));
    const listed = await storage.learning.listModels(orgId, repoId);
    expect(listed.map((m) => [m.version, m.status, m.reason])).toEqual([
      [3, "rejected", "missed more"],
      [2, "serving", null],
      [1, "retired", `replaced by ${second.id}`],
    ]);
    expect(listed[1]!.model.weights).toEqual(second.model.weights);
    expect(await serving()).toBe(second.id);
    expect(third.id).not.toBe(second.id);
    expect(await storage.learning.listModels(otherOrgId, repoId)).toEqual([]);
  });

  it("rolls back to the previous model, then to the graph-only selection, then to full runs", async () => {
    const current = (await serving())!;
    const what = (from: string) => ({ from, runId: "run_x", reason: "missed", missRate: 0.5, window: 2 });
    const first = await storage.learning.rollback(orgId, repoId, what(current), at(7));
    expect(first).toEqual({ from: current, to: expect.stringMatching(/^model_/) });
    // Judged twice (two replicas): the second finds the model already gone and does nothing.
    expect(await storage.learning.rollback(orgId, repoId, what(current), at(7))).toBeUndefined();
    const previous = (await serving())!;
    expect(previous).toBe(first!.to);
    expect(await storage.learning.rollback(orgId, repoId, what(previous), at(8))).toEqual({
      from: previous,
      to: "cold-start",
    });
    expect(await storage.learning.rollback(orgId, repoId, what("cold-start"), at(9))).toEqual({
      from: "cold-start",
      to: "full",
    });
    expect(await storage.learning.rollback(orgId, repoId, what("cold-start"), at(9))).toBeUndefined();
    const state = await storage.learning.repoLearning(orgId, repoId);
    expect([state.serving, state.fallbackFull]).toEqual([undefined, true]);
    const statuses = (await storage.learning.listModels(orgId, repoId)).map((m) => m.status);
    expect(statuses).toEqual(["rejected", "rolled_back", "rolled_back"]);
  });

  it("claims a run for learning exactly once", async () => {
    await storage.createRun(
      orgId,
      {
        id: "run_learn",
        repo_id: repoId,
        commit_sha: "c".repeat(40),
        base_sha: null,
        policy_ref: null,
        status: "running",
        mode: "selective",
        full_reason: null,
        granularity: "symbol",
        tests_selected: 0,
        tests_total: 0,
        confidence_threshold: 0.85,
        model_version: "cold-start",
        created_at: at(10).toISOString(),
      },
      [],
    );
    await storage.learning.recordRunLearning(orgId, {
      run_id: "run_learn",
      repo_id: repoId,
      commit_sha: "c".repeat(40),
      created_at: at(10).toISOString(),
      changed_files: ["src/a.ts"],
      canary: { full_run_rate: 0.1, max_miss_rate: 0.01, window: 50 },
      flaky: { quarantine: true },
      is_canary: true,
      shadows: [{ model: "cold-start", skipped: ["t.test.ts"] }],
    });
    expect(await storage.learning.claimRunForLearning(otherOrgId, "run_learn")).toBeUndefined();
    const claimed = await storage.learning.claimRunForLearning(orgId, "run_learn");
    expect(claimed?.shadows).toEqual([{ model: "cold-start", skipped: ["t.test.ts"] }]);
    expect(await storage.learning.claimRunForLearning(orgId, "run_learn")).toBeUndefined();
  });
});
