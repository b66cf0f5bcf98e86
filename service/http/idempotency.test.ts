import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/support/databases.js";
import { ManualClock, SHA, START, selectionBody } from "../../test/support/service-kit.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import type { Storage } from "../storage/storage.js";

/**
 * `Idempotency-Key` on the writes a CI job retries (as Stripe does): the same key returns the first
 * answer and does the work once; the same key with another request is refused.
 */

describe.each(testDatabases())("Idempotency-Key on $name", (database) => {
  let storage: Storage;
  let app: FastifyInstance;
  let token: string;
  let otherToken: string;
  let repoId: string;
  const clock = new ManualClock(START);

  beforeAll(async () => {
    storage = await database.open();
    const org = await storage.ensureOrganization("acme", START);
    const other = await storage.ensureOrganization("globex", START);
    const minted = mintToken();
    await storage.createToken(org.id, "read+write", minted.hash, START);
    token = minted.token;
    const otherMinted = mintToken();
    await storage.createToken(other.id, "read+write", otherMinted.hash, START);
    otherToken = otherMinted.token;
    repoId = (await storage.connectRepo(org.id, "acme/web", START)).id;
    await storage.connectRepo(other.id, "globex/web", START);
    app = await buildApp({ storage, clock });
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  function call(key: string | undefined, options: InjectOptions, bearer = token) {
    return app.inject({
      ...options,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(key === undefined ? {} : { "idempotency-key": key }),
        ...options.headers,
      },
    });
  }

  const runCount = async () =>
    (await call(undefined, { url: `/v1/runs?repo_id=${repoId}` })).json().total as number;

  it("creates a run once and answers a retry with the first answer", async () => {
    const before = await runCount();
    const body = selectionBody(repoId, { commit_sha: "1".repeat(40) });
    const first = await call("job-1:run", { method: "POST", url: "/v1/runs", payload: body });
    expect(first.statusCode).toBe(201);
    clock.advance(1_000);
    const retry = await call("job-1:run", { method: "POST", url: "/v1/runs", payload: body });
    expect([retry.statusCode, retry.json()]).toEqual([201, first.json()]);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(await runCount()).toBe(before + 1);
    // The key is the organization's own: another one using it starts its own work.
    const foreign = await call("job-1:run", { method: "POST", url: "/v1/runs", payload: body }, otherToken);
    expect(foreign.statusCode).toBe(404);
  });

  it("answers a retry of a large run, whose first answer went out in pieces, with the same bytes", async () => {
    const base = selectionBody(repoId);
    const tests = Array.from({ length: 2_500 }, (_, i) => ({
      path: `test/u${i}.test.ts`,
      features: base.tests[1]!.features,
    }));
    const body = { ...base, commit_sha: "9".repeat(40), tests };
    const first = await call("job-9:run", { method: "POST", url: "/v1/runs", payload: body });
    expect(first.statusCode).toBe(201);
    expect(first.json().decisions).toHaveLength(2_500);
    const retry = await call("job-9:run", { method: "POST", url: "/v1/runs", payload: body });
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect([retry.statusCode, retry.headers["content-type"], retry.body]).toEqual([
      201,
      first.headers["content-type"],
      first.body,
    ]);
  });

  it("refuses the same key with a different request, storing nothing", async () => {
    const before = await runCount();
    const body = selectionBody(repoId, { commit_sha: "2".repeat(40) });
    expect((await call("job-2:run", { method: "POST", url: "/v1/runs", payload: body })).statusCode).toBe(
      201,
    );
    const other = selectionBody(repoId, { commit_sha: "3".repeat(40) });
    const reused = await call("job-2:run", { method: "POST", url: "/v1/runs", payload: other });
    expect([reused.statusCode, reused.json().error.code]).toEqual([409, "CONFLICT"]);
    expect(reused.json().error.message).toBe(
      "Idempotency-Key job-2:run was first used with a different request; use a new key for a new request",
    );
    expect(await runCount()).toBe(before + 1);
  });

  it("keeps no answer for a request that failed validation, so the fixed request may use the key", async () => {
    const invalid = await call("job-3:run", {
      method: "POST",
      url: "/v1/runs",
      payload: { repo_id: repoId },
    });
    expect(invalid.statusCode).toBe(400);
    const body = selectionBody(repoId, { commit_sha: "4".repeat(40) });
    expect((await call("job-3:run", { method: "POST", url: "/v1/runs", payload: body })).statusCode).toBe(
      201,
    );
  });

  it("replays a results report and a coverage upload", async () => {
    const body = selectionBody(repoId, { commit_sha: "5".repeat(40) });
    const run = (await call(undefined, { method: "POST", url: "/v1/runs", payload: body })).json();
    const results = { results: [{ test_path: "test/math.test.ts", outcome: "failed", duration_ms: 5 }] };
    const url = `/v1/runs/${run.id}/results`;
    const first = await call("job-5:results", { method: "POST", url, payload: results });
    expect([first.statusCode, first.json().status]).toEqual([200, "failed"]);
    clock.advance(1_000);
    const retry = await call("job-5:results", { method: "POST", url, payload: results });
    expect([retry.statusCode, retry.json(), retry.headers["idempotent-replayed"]]).toEqual([
      200,
      first.json(),
      "true",
    ]);
    const coverage = { commit_sha: SHA, records: [] };
    const coverageUrl = `/v1/repos/${repoId}/coverage`;
    const stored = await call("job-5:coverage", { method: "PUT", url: coverageUrl, payload: coverage });
    const again = await call("job-5:coverage", { method: "PUT", url: coverageUrl, payload: coverage });
    expect([again.statusCode, again.json(), again.headers["idempotent-replayed"]]).toEqual([
      stored.statusCode,
      stored.json(),
      "true",
    ]);
  });

  it("does the work once when the same key arrives twice at once", async () => {
    const before = await runCount();
    const body = selectionBody(repoId, { commit_sha: "6".repeat(40) });
    const answers = await Promise.all(
      [0, 1, 2].map(() => call("job-6:run", { method: "POST", url: "/v1/runs", payload: body })),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    // Each is the first answer, replayed, or 409 while the first is still being worked on.
    for (const answer of answers) {
      if (answer.statusCode === 409) expect(answer.headers["retry-after"]).toBe("1");
      else expect(answer.json().id).toBe(answers.find((a) => a.statusCode === 201)!.json().id);
    }
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(await runCount()).toBe(before + 1);
  });

  it("refuses a key that is empty or longer than 255 characters", async () => {
    for (const key of ["", "k".repeat(256)]) {
      const answer = await call(key, { method: "POST", url: "/v1/runs", payload: selectionBody(repoId) });
      expect([answer.statusCode, answer.json().error.code]).toEqual([400, "VALIDATION_FAILED"]);
    }
  });
});
