import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestFeatures } from "../../selector/model/features.js";
import { testDatabases } from "../../test/support/databases.js";
import { deliveriesOf } from "../../test/support/webhook-deliveries.js";
import type { NewRun, Storage, StoredDecision } from "./storage.js";

const features: TestFeatures = {
  reachable: true,
  distance: 1,
  symbolHit: true,
  weakOnly: false,
  changedFilesReaching: 1,
  maxFanIn: 2,
  typeTest: false,
};

const at = (minute: number) => new Date(Date.UTC(2025, 0, 15, 12, minute));

function newRun(id: string, repoId: string, minute: number, status: NewRun["status"]): NewRun {
  return {
    id,
    repo_id: repoId,
    commit_sha: `c${minute}`.padEnd(40, "0"),
    base_sha: null,
    policy_ref: null,
    status,
    mode: "selective",
    full_reason: null,
    granularity: "symbol",
    tests_selected: 1,
    tests_total: 2,
    confidence_threshold: 0.85,
    model_version: null,
    created_at: at(minute).toISOString(),
  };
}

const decisions: StoredDecision[] = [
  { test_path: "test/a.test.ts", selected: true, confidence: 0.97, reasons: ["graph: a"], features },
  {
    test_path: "test/b.test.ts",
    selected: false,
    confidence: 0.02,
    reasons: ["no import path from a changed file"],
    features: { ...features, reachable: false, distance: 0, symbolHit: false },
  },
];

describe.each(testDatabases())("storage on $name", (database) => {
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

  it("creates an organization once and finds it by id", async () => {
    const again = await storage.ensureOrganization("acme", at(5));
    expect(again).toEqual({
      id: orgId,
      name: "acme",
      plan: "free",
      seats: 5,
      created_at: at(0).toISOString(),
    });
    expect(await storage.getOrganization(orgId)).toEqual(again);
    expect(await storage.getOrganization("org_missing")).toBeUndefined();
  });

  it("stores tokens by hash, touches and revokes them within their organization", async () => {
    const token = await storage.createToken(orgId, "read", "hash-1", at(1));
    expect(await storage.findToken("hash-1")).toEqual(token);
    await storage.touchToken(token.id, at(2));
    expect(await storage.revokeToken(otherOrgId, token.id, at(3))).toBe(false);
    expect(await storage.revokeToken(orgId, token.id, at(3))).toBe(true);
    expect(await storage.revokeToken(orgId, token.id, at(4))).toBe(true);
    expect(await storage.findToken("hash-1")).toEqual({
      ...token,
      last_used_at: at(2).toISOString(),
      revoked_at: at(3).toISOString(),
    });
    expect(await storage.findToken("hash-2")).toBeUndefined();
  });

  it("connects a repository idempotently, per organization", async () => {
    const again = await storage.connectRepo(orgId, "acme/web", at(9));
    expect(again).toEqual({
      id: repoId,
      name: "acme/web",
      policy_path: ".superplane/policy.yml",
      status: "connected",
      created_at: at(0).toISOString(),
    });
    const other = await storage.connectRepo(otherOrgId, "acme/web", at(1));
    expect(other.id).not.toBe(repoId);
    expect((await storage.listRepos(orgId)).map((r) => r.id)).toEqual([repoId]);
    expect(await storage.getRepo(otherOrgId, repoId)).toBeUndefined();
  });

  it("stores a run with its decisions in one piece and lists newest first with filters", async () => {
    const { decisionColumns, ...created } = await storage.createRun(
      orgId,
      newRun("run_1", repoId, 10, "pending"),
      decisions,
    );
    // In path order, so the record's columns are handed back as the answer's.
    expect(JSON.parse(decisionColumns!.join("")).test_path).toEqual(decisions.map((d) => d.test_path));
    await storage.createRun(orgId, newRun("run_2", repoId, 11, "running"), decisions);
    const detail = await storage.getRun(orgId, "run_1");
    expect(detail).toEqual(created);
    expect(detail?.decisions).toEqual(decisions);
    expect(await storage.getRun(otherOrgId, "run_1")).toBeUndefined();
    const page = await storage.listRuns(orgId, { page: 1, perPage: 1 });
    expect(page.total).toBe(2);
    expect(page.runs.map((r) => r.id)).toEqual(["run_2"]);
    const second = await storage.listRuns(orgId, { page: 2, perPage: 1 });
    expect(second.runs.map((r) => r.id)).toEqual(["run_1"]);
    const running = await storage.listRuns(orgId, { page: 1, perPage: 10, status: "running" });
    expect(running).toEqual({ runs: [expect.objectContaining({ id: "run_2" })], total: 1 });
    expect(await storage.listRuns(otherOrgId, { page: 1, perPage: 10 })).toEqual({ runs: [], total: 0 });
  });

  it("stores thousands of decisions in one statement exactly, awkward paths and numbers included", async () => {
    const many: StoredDecision[] = Array.from({ length: 3_000 }, (_, i) => ({
      test_path: `pkg/ünï "cödé"/\\${String(i).padStart(4, "0")}'.test.ts`,
      selected: i % 3 === 0,
      confidence: i === 0 ? 0 : i === 1 ? 1 : 1 / (i + 7),
      reasons: i % 2 ? [] : [`graph: a.ts -> b.ts`, `policy: "always_run" ${i}`],
      features: { ...features, distance: i % 5, maxFanIn: i },
    }));
    await storage.createRun(orgId, newRun("run_many", repoId, 13, "pending"), many);
    expect((await storage.getRun(orgId, "run_many"))?.decisions).toEqual(many);
  });

  it("rolls a run back whole when a decision cannot be stored", async () => {
    const twice = [decisions[0]!, decisions[0]!];
    await expect(storage.createRun(orgId, newRun("run_bad", repoId, 12, "pending"), twice)).rejects.toThrow();
    expect(await storage.getRun(orgId, "run_bad")).toBeUndefined();
  });

  it("records results idempotently, sets the status and queues each status event once", async () => {
    const hook = {
      id: "wh_1",
      url: "https://hooks.example.com/x",
      events: ["run.started", "run.failed"] as const,
    };
    await storage.createWebhook(
      orgId,
      { ...hook, events: [...hook.events], created_at: at(20).toISOString() },
      "s",
    );
    await storage.createRun(orgId, newRun("run_3", repoId, 21, "running"), decisions);
    const report = [{ test_path: "test/a.test.ts", outcome: "failed" as const, duration_ms: 1500 }];
    // The run's duration is the command's wall time as reported, not its files' times added up;
    // of two reports (shards, side by side) the longer counts.
    await storage.recordRunDuration(orgId, "run_3", 4200);
    const first = await storage.recordResults(orgId, "run_3", report, at(22));
    await storage.recordRunDuration(orgId, "run_3", 3000);
    const retry = await storage.recordResults(orgId, "run_3", report, at(23));
    expect(first).toMatchObject({ status: "failed", duration_ms: 4200, results: report });
    expect(retry).toMatchObject({ status: "failed", duration_ms: 4200, results: report });
    const deliveries = await deliveriesOf(storage, orgId, "wh_1");
    expect(deliveries.map((d) => [d.event, d.attempts, d.delivered_at])).toEqual([
      ["run.started", 0, null],
      ["run.failed", 0, null],
    ]);
    const payload = JSON.parse(deliveries[1]!.payload);
    expect(payload).toEqual({
      id: deliveries[1]!.id,
      event: "run.failed",
      created_at: at(22).toISOString(),
      data: {
        run: {
          id: "run_3",
          repo_id: repoId,
          commit_sha: "c21".padEnd(40, "0"),
          status: "failed",
          mode: "selective",
          tests_selected: 1,
          tests_total: 2,
          duration_ms: 4200,
          created_at: at(21).toISOString(),
          branch: null,
          pull_request: null,
          event: null,
          actor: null,
          ci_run_url: null,
        },
      },
    });
    expect(await deliveriesOf(storage, otherOrgId, "wh_1")).toEqual([]);
    expect(await storage.recordResults(otherOrgId, "run_3", report, at(24))).toBeUndefined();
  });

  it("counts usage per calendar month, pricing skipped tests at their newest measured duration", async () => {
    const org = (await storage.ensureOrganization("initech", at(0))).id;
    const repo = (await storage.connectRepo(org, "initech/api", at(0))).id;
    const january = new Date(Date.UTC(2025, 0, 1));
    const february = new Date(Date.UTC(2025, 1, 1));
    // Before any result: test/b never measured, counted apart and priced at nothing.
    await storage.createRun(org, newRun("run_u0", repo, 29, "running"), decisions);
    expect(await storage.usage(org, january)).toMatchObject({ skipped_ms: 0, skipped_unmeasured: 1 });
    // An upload from .git/superplane/ prices it for runs from now on (a run is priced when it is
    // stored and again when its results come); a run's reported result, newer, replaces it.
    await storage.durations.store(org, repo, [
      {
        test_path: "test/b.test.ts",
        duration_ms: 2500,
        measured_at: at(1).toISOString(),
        commit_sha: "f".repeat(40),
      },
    ]);
    expect(await storage.usage(org, january)).toMatchObject({ skipped_ms: 0, skipped_unmeasured: 1 });
    await storage.createRun(org, newRun("run_u1", repo, 30, "running"), decisions);
    expect(await storage.usage(org, january)).toMatchObject({ skipped_ms: 2500, skipped_unmeasured: 1 });
    const report = [
      { test_path: "test/a.test.ts", outcome: "passed" as const, duration_ms: 100 },
      { test_path: "test/b.test.ts", outcome: "passed" as const, duration_ms: 4000 },
    ];
    await storage.recordResults(org, "run_u1", report, at(31));
    // A report again re-prices the run: its new price replaces the old one in the month's sum.
    await storage.recordResults(org, "run_u1", report, at(32));
    await storage.createRun(org, newRun("run_u2", repo, 32, "pending"), decisions);
    const inFebruary = { ...newRun("run_u3", repo, 33, "pending"), created_at: "2025-02-03T08:00:00.000Z" };
    await storage.createRun(org, inFebruary, decisions);
    expect(await storage.usage(org, january)).toEqual({
      runs: 3,
      selections: 3,
      tests_skipped: 3,
      skipped_ms: 8000,
      skipped_unmeasured: 1,
    });
    expect(await storage.usage(org, february)).toEqual({
      runs: 1,
      selections: 1,
      tests_skipped: 1,
      skipped_ms: 4000,
      skipped_unmeasured: 0,
    });
    expect(await storage.usage(otherOrgId, january)).toEqual({
      runs: 0,
      selections: 0,
      tests_skipped: 0,
      skipped_ms: 0,
      skipped_unmeasured: 0,
    });
    await expect(storage.usage(org, at(30))).rejects.toThrow("not the start of one");
    expect((await storage.durations.list(org, repo))?.map((d) => [d.test_path, d.duration_ms])).toEqual([
      ["test/a.test.ts", 100],
      ["test/b.test.ts", 4000],
    ]);
  });

  it("counts a queued run once when the action's run adopts it", async () => {
    const org = (await storage.ensureOrganization("hooli", at(0))).id;
    const repo = (await storage.connectRepo(org, "hooli/app", at(0))).id;
    const queued = { ...newRun("run_q", repo, 40, "queued"), tests_selected: 0, tests_total: 0 };
    await storage.createRun(org, queued, []);
    const january = new Date(Date.UTC(2025, 0, 1));
    expect(await storage.usage(org, january)).toMatchObject({ runs: 1, tests_skipped: 0 });
    const adopted = await storage.createRun(
      org,
      { ...newRun("run_a", repo, 40, "running"), adopt_queued: { since: at(0) } },
      decisions,
    );
    expect(adopted.id).toBe("run_q");
    expect(await storage.usage(org, january)).toEqual({
      runs: 1,
      selections: 1,
      tests_skipped: 1,
      skipped_ms: 0,
      skipped_unmeasured: 1,
    });
  });

  it("deletes webhooks only within their organization", async () => {
    const hook = {
      id: "wh_2",
      url: "https://x.example.com",
      events: ["run.passed" as const],
      created_at: at(40).toISOString(),
    };
    await storage.createWebhook(orgId, hook, "secret");
    expect(await storage.listWebhooks(otherOrgId)).toEqual([]);
    expect(await storage.deleteWebhook(otherOrgId, "wh_2")).toBe(false);
    expect(await storage.deleteWebhook(orgId, "wh_2")).toBe(true);
    expect((await storage.listWebhooks(orgId)).map((w) => w.id)).toEqual(["wh_1"]);
  });
});
