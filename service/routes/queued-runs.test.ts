import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/support/databases.js";
import { ManualClock, START, selectionBody } from "../../test/support/service-kit.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import type { Storage } from "../storage/storage.js";

/**
 * Triggering a run as the API reference says: `{repo_id, commit_sha, policy_ref}` alone queues a
 * run, and the next action run for that commit adopts it (same id) instead of starting another.
 */

const HOUR = 60 * 60_000;

describe.each(testDatabases())("queued runs on $name", (database) => {
  let storage: Storage;
  let app: FastifyInstance;
  let token: string;
  let repoId: string;
  let orgId: string;
  const clock = new ManualClock(START);

  beforeAll(async () => {
    storage = await database.open();
    const org = await storage.ensureOrganization("acme", START);
    orgId = org.id;
    const minted = mintToken();
    await storage.createToken(org.id, "read+write", minted.hash, START);
    token = minted.token;
    repoId = (await storage.connectRepo(org.id, "acme/web", START)).id;
    await storage.createWebhook(
      org.id,
      {
        id: "wh_q",
        url: "https://hooks.example.com/q",
        events: ["run.started"],
        created_at: START.toISOString(),
      },
      "s",
    );
    app = await buildApp({ storage, clock, queuedTimeoutMs: 2 * HOUR });
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  const headers = () => ({ authorization: `Bearer ${token}` });
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: "POST", url: "/v1/runs", headers: headers(), payload });
  /** run.started events queued for the webhook so far. */
  const started = async () => (await storage.deliveryLog(orgId, "wh_q", { page: 1, perPage: 100 }))!.total;

  it("queues a run from repo_id, commit_sha and policy_ref alone", async () => {
    const sha = "c".repeat(40);
    const events = await started();
    const queued = await post({ repo_id: repoId, commit_sha: sha, policy_ref: "main" });
    expect(queued.statusCode).toBe(201);
    expect(queued.json()).toMatchObject({
      status: "queued",
      repo_id: repoId,
      commit_sha: sha,
      policy_ref: "main",
      tests_selected: 0,
      tests_total: 0,
      decisions: [],
      results: [],
    });
    const listed = await app.inject({ url: "/v1/runs?status=queued", headers: headers() });
    expect(listed.json().runs.map((r: { id: string }) => r.id)).toEqual([queued.json().id]);
    // Nothing has started yet.
    expect(await started()).toBe(events);
  });

  it("lets the next action run for that commit adopt it, once", async () => {
    const sha = "d".repeat(40);
    const queued = (await post({ repo_id: repoId, commit_sha: sha, policy_ref: "main" })).json();
    clock.advance(60_000);
    const events = await started();
    const adopted = await post({ ...selectionBody(repoId), commit_sha: sha, policy_ref: "main" });
    expect(adopted.statusCode).toBe(201);
    expect(adopted.json()).toMatchObject({ id: queued.id, status: "running", tests_total: 2 });
    expect(adopted.json().decisions).toHaveLength(2);
    expect(await started()).toBe(events + 1);
    // The next action run for the commit has nothing queued left to adopt.
    const another = await post({ ...selectionBody(repoId), commit_sha: sha });
    expect(another.json().id).not.toBe(queued.id);
    const detail = await app.inject({ url: `/v1/runs/${queued.id}`, headers: headers() });
    expect(detail.json()).toMatchObject({ status: "running", created_at: queued.created_at });
    const byCommit = await app.inject({ url: `/v1/runs?repo_id=${repoId}`, headers: headers() });
    const forSha = byCommit.json().runs.filter((r: { commit_sha: string }) => r.commit_sha === sha);
    expect(forSha).toHaveLength(2);
  });

  it("refuses half a selection input, naming what is missing", async () => {
    const { tests: _tests, ...noTests } = selectionBody(repoId);
    const answer = await post(noTests);
    expect([answer.statusCode, answer.json().error]).toMatchObject([
      400,
      { code: "VALIDATION_FAILED", message: "body.tests is required with body.changed_files" },
    ]);
  });

  it("refuses results for a run no action has started", async () => {
    const queued = (await post({ repo_id: repoId, commit_sha: "e".repeat(40) })).json();
    const results = { results: [{ test_path: "test/a.test.ts", outcome: "passed", duration_ms: 1 }] };
    const answer = await app.inject({
      method: "POST",
      url: `/v1/runs/${queued.id}/results`,
      headers: headers(),
      payload: results,
    });
    expect([answer.statusCode, answer.json().error.code]).toEqual([409, "CONFLICT"]);
  });

  it("expires a run no action run adopts within the queued timeout, read or not, and skips its dispatch", async () => {
    await storage.dispatch.saveSettings(
      orgId,
      { repo_id: repoId, workflow: "superplane.yml", ref: "main", token_sealed: "sealed" },
      clock.now(),
    );
    const read = async (id: string) =>
      (await app.inject({ url: `/v1/runs/${id}`, headers: headers() })).json();
    const sha = "f".repeat(40);
    const queued = (await post({ repo_id: repoId, commit_sha: sha, policy_ref: "main" })).json();
    clock.advance(2 * HOUR);
    expect(await read(queued.id)).toMatchObject({ status: "queued", dispatch: { status: "pending" } });
    clock.advance(1);
    expect(await read(queued.id)).toMatchObject({
      status: "incomplete",
      dispatch: {
        status: "skipped",
        last_error: "not dispatched: the run expired, queued longer than the queued-run timeout",
        finished_at: clock.now().toISOString(),
        next_attempt_at: null,
      },
    });
    const listed = await app.inject({ url: "/v1/runs?status=incomplete", headers: headers() });
    expect(listed.json().runs.map((r: { id: string }) => r.id)).toContain(queued.id);
    // The action run that comes late gets a run of its own.
    const late = await post({ ...selectionBody(repoId), commit_sha: sha, queued_run_id: queued.id });
    expect([late.statusCode, late.json().id === queued.id]).toEqual([201, false]);

    // Expired whether or not anyone read the runs since: the action run does not adopt it.
    const unread = (await post({ repo_id: repoId, commit_sha: "9".repeat(40), policy_ref: "main" })).json();
    clock.advance(2 * HOUR + 1);
    const action = await post({ ...selectionBody(repoId), commit_sha: "9".repeat(40) });
    expect(action.json().id).not.toBe(unread.id);
    expect((await read(unread.id)).status).toBe("incomplete");
  });
});
