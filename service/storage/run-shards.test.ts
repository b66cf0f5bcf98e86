import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import { testDatabases } from "../../test/support/databases.js";
import type { NewRun, Storage, StoredDecision } from "./storage.js";

const at = (minute: number) => new Date(Date.UTC(2025, 0, 15, 12, minute));

const decisions: StoredDecision[] = [
  {
    test_path: "test/a.test.ts",
    selected: true,
    confidence: 1,
    reasons: [],
    features: unreachableFeatures(false),
  },
];

function newRun(id: string, repoId: string, minute: number, extra: Partial<NewRun> = {}): NewRun {
  return {
    id,
    repo_id: repoId,
    commit_sha: "c".repeat(40),
    base_sha: null,
    policy_ref: null,
    status: "running",
    mode: "selective",
    full_reason: null,
    granularity: "symbol",
    tests_selected: 1,
    tests_total: 1,
    confidence_threshold: 0.85,
    model_version: null,
    created_at: at(minute).toISOString(),
    ...extra,
  };
}

const passed = [{ test_path: "test/a.test.ts", outcome: "passed" as const, duration_ms: 5 }];

describe.each(testDatabases())("runs with context and shards on $name", (database) => {
  let storage: Storage;
  let orgId: string;
  let repoId: string;

  beforeAll(async () => {
    storage = await database.open();
    orgId = (await storage.ensureOrganization("acme", at(0))).id;
    repoId = (await storage.connectRepo(orgId, "acme/web", at(0))).id;
  });
  afterAll(() => database.dispose());

  it("stores the run's origin and filters the list by branch and pull request", async () => {
    const context = {
      branch: "feature/x",
      pull_request: 7,
      event: "pull_request",
      actor: "octocat",
      ci_run_url: "https://github.com/acme/web/actions/runs/1",
    };
    await storage.createRun(orgId, newRun("run_ctx", repoId, 1, context), decisions);
    await storage.createRun(
      orgId,
      newRun("run_main", repoId, 2, { branch: "main", event: "push" }),
      decisions,
    );
    expect(await storage.getRun(orgId, "run_ctx")).toMatchObject({
      ...context,
      shard_total: null,
      shards_reported: [],
    });
    const ids = async (filter: { branch?: string; pullRequest?: number }) =>
      (await storage.listRuns(orgId, { page: 1, perPage: 10, ...filter })).runs.map((r) => r.id);
    expect(await ids({ branch: "feature/x" })).toEqual(["run_ctx"]);
    expect(await ids({ pullRequest: 7 })).toEqual(["run_ctx"]);
    expect(await ids({ branch: "main" })).toEqual(["run_main"]);
  });

  it("stores one run per shard group: a second shard joins the first one's run", async () => {
    const first = await storage.createRun(
      orgId,
      newRun("run_s1", repoId, 3, { shard_total: 2, shard_group: "g1" }),
      decisions,
    );
    const second = await storage.createRun(
      orgId,
      newRun("run_s2", repoId, 4, { shard_total: 2, shard_group: "g1" }),
      decisions,
    );
    expect([first.id, first.joined, second.id, second.joined]).toEqual(["run_s1", undefined, "run_s1", true]);
    expect(await storage.getRun(orgId, "run_s2")).toBeUndefined();
    expect((await storage.findShardGroup(orgId, repoId, "g1"))?.id).toBe("run_s1");

    const one = await storage.recordResults(orgId, "run_s1", passed, at(5), {
      shard: { index: 2, total: 2 },
    });
    expect(one).toMatchObject({ status: "running", shards_reported: [2] });
    const again = await storage.recordResults(orgId, "run_s1", passed, at(6), {
      shard: { index: 2, total: 2 },
    });
    expect(again).toMatchObject({ status: "running", shards_reported: [2] });
    const both = await storage.recordResults(orgId, "run_s1", [], at(7), { shard: { index: 1, total: 2 } });
    expect(both).toMatchObject({ status: "passed", shards_reported: [1, 2], results: passed });
  });

  it("stores one run when two shards of a job ask at the same moment", async () => {
    const [a, b] = await Promise.all(
      ["run_race_a", "run_race_b"].map((id, i) =>
        storage.createRun(
          orgId,
          newRun(id, repoId, 8 + i, { shard_total: 2, shard_group: "race" }),
          decisions,
        ),
      ),
    );
    expect(a!.id).toBe(b!.id);
    expect([a!.joined, b!.joined].filter(Boolean)).toEqual([true]);
    expect(await storage.getRun(orgId, a!.joined ? "run_race_a" : "run_race_b")).toBeUndefined();
  });

  it("turns only running runs quiet since the cutoff incomplete, in one organization", async () => {
    const org = (await storage.ensureOrganization("initech", at(0))).id;
    const repo = (await storage.connectRepo(org, "initech/api", at(0))).id;
    await storage.createRun(org, newRun("run_old", repo, 10), decisions);
    await storage.createRun(org, newRun("run_new", repo, 20), decisions);
    await storage.createRun(org, newRun("run_pending", repo, 10, { status: "pending" }), decisions);
    expect(await storage.expireRuns(org, { running: at(15), queued: at(0) }, at(30))).toBe(1);
    expect((await storage.getRun(orgId, "run_ctx"))?.status).toBe("running");
    const status = async (id: string) => (await storage.getRun(org, id))?.status;
    expect([await status("run_old"), await status("run_new"), await status("run_pending")]).toEqual([
      "incomplete",
      "running",
      "pending",
    ]);
    expect(await storage.recordResults(org, "run_old", passed, at(31))).toMatchObject({ status: "passed" });
  });
});
