import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/support/databases.js";
import { useGithubNock } from "../../test/support/github-nock.js";
import { ManualClock, START, selectionBody } from "../../test/support/service-kit.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import { SecretBox } from "../auth/secret-box.js";
import { DispatchWorker } from "../dispatch/dispatch-worker.js";
import type { Storage } from "../storage/storage.js";

/**
 * A run started from the API alone: `POST /v1/runs` queues it, the service dispatches the
 * repository's workflow with the run's id (GitHub's API is the one thing mocked, with nock), the
 * run stays `queued` until the action run names it, and what GitHub refused is on the run.
 */

const DISPATCHES = "/repos/acme/web/actions/workflows/superplane.yml/dispatches";
const GITHUB_TOKEN = "ghp_0123456789abcdef";

useGithubNock();

describe.each(testDatabases())("runs dispatched on $name", (database) => {
  let storage: Storage;
  let app: FastifyInstance;
  let worker: DispatchWorker;
  let token: string;
  let repoId: string;
  let plainRepoId: string;
  const clock = new ManualClock(START);
  const secrets = new SecretBox(randomBytes(32));

  beforeAll(async () => {
    storage = await database.open();
    const org = await storage.ensureOrganization("acme", START);
    const minted = mintToken();
    await storage.createToken(org.id, "read+write", minted.hash, START);
    token = minted.token;
    repoId = (await storage.connectRepo(org.id, "acme/web", START)).id;
    plainRepoId = (await storage.connectRepo(org.id, "acme/docs", START)).id;
    app = await buildApp({ storage, clock, secrets });
    worker = new DispatchWorker({ storage, clock, secrets, random: () => 0 });
    const saved = await app.inject({
      method: "PUT",
      url: `/v1/repos/${repoId}/dispatch`,
      headers: headers(),
      payload: { workflow: "superplane.yml", ref: "main", github_token: GITHUB_TOKEN },
    });
    expect(saved.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  function headers() {
    return { authorization: `Bearer ${token}` };
  }
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: "POST", url: "/v1/runs", headers: headers(), payload });
  const run = async (id: string) => (await app.inject({ url: `/v1/runs/${id}`, headers: headers() })).json();
  const queue = async (sha: string, repo = repoId) =>
    (await post({ repo_id: repo, commit_sha: sha, policy_ref: "main" })).json();
  const github = () =>
    nock("https://api.github.com", { reqheaders: { authorization: `Bearer ${GITHUB_TOKEN}` } });

  it("dispatches the workflow with the run's id and commit; the action run that names it adopts it", async () => {
    const sha = "1".repeat(40);
    const queued = await queue(sha);
    expect(queued).toMatchObject({ status: "queued", dispatch: { status: "pending", attempts: 0 } });
    const sent = github()
      .post(DISPATCHES, { ref: "main", inputs: { superplane_run_id: queued.id, superplane_commit_sha: sha } })
      .reply(204);
    expect(await worker.runOnce()).toBe(1);
    expect(sent.isDone()).toBe(true);
    clock.advance(1000);
    // Dispatched is not started: the run waits, queued, for the action run.
    expect(await run(queued.id)).toMatchObject({
      status: "queued",
      dispatch: { status: "dispatched", attempts: 1, last_error: null, finished_at: START.toISOString() },
    });
    expect(await worker.runOnce()).toBe(0);
    const adopted = await post({ ...selectionBody(repoId), commit_sha: sha, queued_run_id: queued.id });
    expect([adopted.statusCode, adopted.json().id, adopted.json().status]).toEqual([
      201,
      queued.id,
      "running",
    ]);
    expect((await run(queued.id)).dispatch).toMatchObject({ status: "dispatched" });
  });

  it("shows GitHub's refusal on the run, which stays queued, and does not try again", async () => {
    const queued = await queue("2".repeat(40));
    github().post(DISPATCHES).reply(401, { message: "Bad credentials" });
    await worker.runOnce();
    const shown = await run(queued.id);
    expect(shown.status).toBe("queued");
    expect(shown.dispatch).toMatchObject({
      status: "failed",
      attempts: 1,
      last_error: `GitHub refused the repository's token (401: Bad credentials): change it with PUT /v1/repos/${repoId}/dispatch`,
      next_attempt_at: null,
    });
    clock.advance(60 * 60_000);
    // Nothing is due (nock would refuse a request no interceptor expects).
    expect(await worker.runOnce()).toBe(0);
  });

  it("retries while GitHub is down, counting the attempts, until it takes the dispatch", async () => {
    const queued = await queue("3".repeat(40));
    github().post(DISPATCHES).reply(502, "bad gateway");
    await worker.runOnce();
    const waiting = (await run(queued.id)).dispatch;
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, last_error: "GitHub answered 502" });
    // The first retry waits 5 to 10 s (backoff.ts; no jitter here).
    expect(new Date(waiting.next_attempt_at).getTime() - clock.now().getTime()).toBe(5_000);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(5_000);
    github().post(DISPATCHES).reply(204);
    expect(await worker.runOnce()).toBe(1);
    expect((await run(queued.id)).dispatch).toMatchObject({
      status: "dispatched",
      attempts: 2,
      last_error: null,
    });
  });

  it("skips the dispatch of a run an action run adopted first", async () => {
    const sha = "4".repeat(40);
    const queued = await queue(sha);
    await post({ ...selectionBody(repoId), commit_sha: sha });
    // No interceptor: a request to GitHub would fail the test.
    expect(await worker.runOnce()).toBe(1);
    expect((await run(queued.id)).dispatch).toMatchObject({
      status: "skipped",
      last_error: "not dispatched: an action run started it first",
    });
  });

  it("refuses an action run that names a queued run of another commit, saying what to check out", async () => {
    const queued = await queue("5".repeat(40));
    github().post(DISPATCHES).reply(204);
    await worker.runOnce();
    const wrong = await post({
      ...selectionBody(repoId),
      commit_sha: "6".repeat(40),
      queued_run_id: queued.id,
    });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([409, "CONFLICT"]);
    expect(wrong.json().error.message).toContain(
      `run ${queued.id} was queued for commit ${"5".repeat(40)}, but this job tests ${"6".repeat(40)}`,
    );
    expect((await run(queued.id)).status).toBe("queued");
  });

  it("leaves a run of a repository without dispatch settings queued, with no dispatch", async () => {
    const queued = await queue("7".repeat(40), plainRepoId);
    expect(queued).not.toHaveProperty("dispatch");
    expect(await worker.runOnce()).toBe(0);
    expect(await run(queued.id)).not.toHaveProperty("dispatch");
  });

  it("fails a dispatch whose token the key cannot open, naming the key", async () => {
    const other = new DispatchWorker({ storage, clock, secrets: new SecretBox(randomBytes(32)) });
    const queued = await queue("8".repeat(40));
    await other.runOnce();
    expect((await run(queued.id)).dispatch).toMatchObject({
      status: "failed",
      last_error: expect.stringMatching(/^SUPERPLANE_SECRET_KEY does not open the stored secret/),
    });
  });
});
