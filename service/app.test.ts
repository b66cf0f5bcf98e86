import { afterEach, describe, expect, it } from "vitest";
import { type Kit, makeKit, selectionBody } from "../test/support/service-kit.js";

let kit: Kit;
afterEach(() => kit.close());

const FEATURES = selectionBody("").tests[1]!.features;
const errorOf = (body: string) => JSON.parse(body).error;

describe("the app's cross-cutting behaviour", () => {
  it("answers health without a token and carries a fresh request id", async () => {
    kit = await makeKit();
    const response = await kit.app.inject({ url: "/v1/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
    expect(response.headers["x-request-id"]).toMatch(/^req_[0-9A-Za-z]{20}$/);
  });

  it("keeps a caller's request id and puts it in error bodies, replacing unsafe ones", async () => {
    kit = await makeKit();
    const kept = await kit.app.inject({ url: "/v1/runs", headers: { "x-request-id": "ci-42.a" } });
    expect(kept.headers["x-request-id"]).toBe("ci-42.a");
    expect(kept.json()).toEqual({
      error: {
        code: "UNAUTHORIZED",
        message: "missing bearer token: send Authorization: Bearer spl_tok_…",
        request_id: "ci-42.a",
      },
    });
    const replaced = await kit.app.inject({ url: "/v1/health", headers: { "x-request-id": "a b\tc" } });
    expect(replaced.headers["x-request-id"]).toMatch(/^req_/);
  });

  it("serves the OpenAPI document generated from the route schemas", async () => {
    kit = await makeKit();
    const doc = (await kit.app.inject({ url: "/v1/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/v1/health",
      "/v1/org",
      "/v1/ready",
      "/v1/repos",
      "/v1/repos/{id}/dispatch",
      "/v1/repos/{id}/history",
      "/v1/repos/{id}/insights",
      "/v1/repos/{id}/models",
      "/v1/repos/{id}/models/train",
      "/v1/repos/{repo_id}/coverage",
      "/v1/repos/{repo_id}/coverage/query",
      "/v1/repos/{repo_id}/durations",
      "/v1/runs",
      "/v1/runs/{id}",
      "/v1/runs/{id}/results",
      "/v1/selection",
      "/v1/tests/flaky",
      "/v1/tests/metrics",
      "/v1/tokens",
      "/v1/tokens/{id}",
      "/v1/webhooks",
      "/v1/webhooks/{id}",
      "/v1/webhooks/{id}/deliveries",
    ]);
    const selection = doc.paths["/v1/selection"].post;
    const body = selection.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["repo_id", "commit_sha", "changed_files"]);
    // The tests as objects or as columns, one of the two.
    expect(body.anyOf).toEqual([{ required: ["tests"] }, { required: ["test_columns"] }]);
    expect(Object.keys(doc.paths["/v1/runs/{id}/results"].post.requestBody.content)).toEqual([
      "application/json",
      "application/xml",
      "text/xml",
    ]);
    // The GitHub token is write-only: the request takes it, no answer has it.
    const dispatch = doc.paths["/v1/repos/{id}/dispatch"];
    expect(
      dispatch.put.requestBody.content["application/json"].schema.properties.github_token.writeOnly,
    ).toBe(true);
    expect(JSON.stringify(dispatch.get.responses["200"])).not.toContain('github_token"');
    expect(dispatch.get.responses["200"].content["application/json"].schema.properties).toHaveProperty(
      "github_token_set",
    );
    expect(selection.responses["422"].content["application/json"].schema.properties.error.required).toEqual([
      "code",
      "message",
      "request_id",
    ]);
  });

  it("answers unknown routes with NOT_FOUND", async () => {
    kit = await makeKit();
    const response = await kit.call(kit.tokens.read, { url: "/v1/nothing?x=1" });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response.body)).toMatchObject({ code: "NOT_FOUND", message: "no route GET /v1/nothing" });
  });
});

describe("authentication and scopes", () => {
  it("refuses unknown, malformed and revoked tokens with UNAUTHORIZED", async () => {
    kit = await makeKit();
    const unknown = await kit.call(`spl_tok_${"x".repeat(32)}`, { url: "/v1/runs" });
    expect([unknown.statusCode, errorOf(unknown.body).message]).toEqual([401, "unknown token"]);
    const malformed = await kit.call("hunter2", { url: "/v1/runs" });
    expect([malformed.statusCode, errorOf(malformed.body).code]).toEqual([401, "UNAUTHORIZED"]);
    const token = (
      await kit.call(kit.tokens.write, { method: "POST", url: "/v1/tokens", payload: { scope: "read" } })
    ).json();
    expect((await kit.call(token.token, { url: "/v1/runs" })).statusCode).toBe(200);
    const revoke = await kit.call(kit.tokens.write, { method: "DELETE", url: `/v1/tokens/${token.id}` });
    expect(revoke.statusCode).toBe(204);
    const revoked = await kit.call(token.token, { url: "/v1/runs" });
    expect([revoked.statusCode, errorOf(revoked.body).code, errorOf(revoked.body).message]).toEqual([
      401,
      "UNAUTHORIZED",
      "token revoked",
    ]);
  });

  it("refuses a read token on every write endpoint with SCOPE_DENIED and stores nothing", async () => {
    kit = await makeKit();
    const writes = [
      { method: "POST", url: "/v1/selection", payload: selectionBody(kit.repoId) },
      { method: "POST", url: "/v1/runs", payload: selectionBody(kit.repoId) },
      { method: "POST", url: "/v1/runs/run_x/results", payload: { results: [] } },
      { method: "POST", url: "/v1/repos", payload: { name: "acme/api" } },
      { method: "POST", url: "/v1/tokens", payload: { scope: "read" } },
      { method: "DELETE", url: "/v1/tokens/tok_x" },
      { method: "POST", url: "/v1/webhooks", payload: { url: "https://8.8.8.8/h", events: ["run.passed"] } },
      { method: "DELETE", url: "/v1/webhooks/wh_x" },
    ] as const;
    for (const request of writes) {
      const response = await kit.call(kit.tokens.read, request);
      expect([request.url, response.statusCode, errorOf(response.body).code]).toEqual([
        request.url,
        403,
        "SCOPE_DENIED",
      ]);
    }
    expect(await kit.storage.listRuns(kit.orgId, { page: 1, perPage: 10 })).toEqual({ runs: [], total: 0 });
    expect((await kit.storage.listRepos(kit.orgId)).map((r) => r.name)).toEqual(["acme/web"]);
  });
});

describe("bad bodies", () => {
  it("answers malformed JSON with VALIDATION_FAILED", async () => {
    kit = await makeKit();
    const response = await kit.call(kit.tokens.write, {
      method: "POST",
      url: "/v1/selection",
      headers: { "content-type": "application/json" },
      payload: '{"repo_id": ',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response.body)).toMatchObject({
      code: "VALIDATION_FAILED",
      message: "malformed JSON: Body is not valid JSON but content-type is set to 'application/json'",
    });
  });

  it("names the field of a wrong type, a missing field and a value outside an enum", async () => {
    kit = await makeKit();
    const cases: [Record<string, unknown>, string][] = [
      [{ confidence_threshold: "high" }, "body.confidence_threshold: must be number"],
      [{ commit_sha: undefined }, "body.commit_sha: is required"],
      [
        { changed_files: [{ path: "a.ts", status: "gone" }] },
        "body.changed_files[0].status: must be one of added, modified, deleted, renamed, copied, type-changed",
      ],
      [
        { tests: [{ path: "t.test.ts", features: { ...FEATURES, reachable: 1 } }] },
        "body.tests[0].features.reachable: must be boolean",
      ],
    ];
    for (const [change, message] of cases) {
      const response = await kit.call(kit.tokens.write, {
        method: "POST",
        url: "/v1/selection",
        payload: { ...selectionBody(kit.repoId), ...change },
      });
      expect([response.statusCode, errorOf(response.body).code, errorOf(response.body).message]).toEqual([
        400,
        "VALIDATION_FAILED",
        message,
      ]);
    }
  });

  it("takes an older action's body whose features carry the withdrawn mentionDepth, and drops it", async () => {
    kit = await makeKit();
    const body = selectionBody(kit.repoId);
    const tests = body.tests.map((t) => ({ ...t, features: { ...t.features, mentionDepth: 3 } }));
    const response = await kit.call(kit.tokens.write, {
      method: "POST",
      url: "/v1/runs",
      payload: { ...body, tests },
    });
    expect(response.statusCode).toBe(201);
    const stored = await kit.storage.getRun(kit.orgId, response.json().id);
    expect(stored!.decisions.length).toBe(tests.length);
    for (const decision of stored!.decisions) expect(decision.features).not.toHaveProperty("mentionDepth");
  });

  it("answers an oversize body with 413 PAYLOAD_TOO_LARGE", async () => {
    kit = await makeKit({ bodyLimit: 512 });
    const response = await kit.call(kit.tokens.write, {
      method: "POST",
      url: "/v1/selection",
      payload: { ...selectionBody(kit.repoId), full_reason: "x".repeat(600) },
    });
    expect(response.statusCode).toBe(413);
    expect(errorOf(response.body)).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: "request body is too large",
    });
  });

  it("hides the text of internal errors", async () => {
    kit = await makeKit();
    kit.storage.listRepos = async () => {
      throw new Error("disk on fire at /var/lib/db");
    };
    const response = await kit.call(kit.tokens.read, { url: "/v1/repos" });
    expect(response.statusCode).toBe(500);
    expect(errorOf(response.body)).toMatchObject({ code: "INTERNAL", message: "internal error" });
  });
});

describe("rate limits", () => {
  it("counts per organization and answers 429 RATE_LIMITED with Retry-After past the limit", async () => {
    kit = await makeKit({ rateLimit: 2 });
    kit.clock.advance(15_000);
    const first = await kit.call(kit.tokens.read, { url: "/v1/repos" });
    expect([first.headers["x-ratelimit-limit"], first.headers["x-ratelimit-remaining"]]).toEqual(["2", "1"]);
    expect(first.headers["x-ratelimit-reset"]).toBe(String(Date.parse("2025-03-10T12:01:00Z") / 1000));
    await kit.call(kit.tokens.write, { url: "/v1/repos" });
    const limited = await kit.call(kit.tokens.read, { url: "/v1/repos" });
    expect(limited.statusCode).toBe(429);
    // 45 s to the window's end, then 30 s until half of its 2 requests have slid out.
    expect(limited.headers["retry-after"]).toBe("75");
    expect(limited.headers["x-ratelimit-remaining"]).toBe("0");
    expect(errorOf(limited.body)).toMatchObject({
      code: "RATE_LIMITED",
      message: "rate limit of 2 requests a minute exceeded",
    });
    expect((await kit.call(kit.tokens.other, { url: "/v1/repos" })).statusCode).toBe(200);
    kit.clock.advance(74_000);
    expect((await kit.call(kit.tokens.read, { url: "/v1/repos" })).statusCode).toBe(429);
    kit.clock.advance(1_000);
    expect((await kit.call(kit.tokens.read, { url: "/v1/repos" })).statusCode).toBe(200);
  });
});
