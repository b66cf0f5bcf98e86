import { afterEach, describe, expect, it } from "vitest";
import { type Kit, makeKit, selectionBody } from "../../test/support/service-kit.js";

let kit: Kit;
afterEach(() => kit.close());

const errorOf = (body: string) => JSON.parse(body).error;
const write = (url: string, payload: Record<string, unknown>, token = kit.tokens.write) =>
  kit.call(token, { method: "POST", url, payload });

describe("GET /v1/org", () => {
  it("reports plan, seats, repositories and this month's usage priced from recorded durations", async () => {
    kit = await makeKit();
    const first = (await write("/v1/runs", selectionBody(kit.repoId))).json().id;
    await write(`/v1/runs/${first}/results`, {
      results: [
        { test_path: "test/math.test.ts", outcome: "passed", duration_ms: 30_000 },
        { test_path: "test/text.test.ts", outcome: "passed", duration_ms: 90_000 },
      ],
    });
    kit.clock.advance(1000);
    await write("/v1/selection", selectionBody(kit.repoId));
    await write("/v1/selection", selectionBody(kit.repoId, { full_reason: "lockfile unreadable" }));
    const org = await kit.call(kit.tokens.read, { url: "/v1/org" });
    expect(org.json()).toEqual({
      id: kit.orgId,
      name: "acme",
      plan: "free",
      seats: 5,
      repos: 1,
      usage: {
        period_start: "2025-03-01T00:00:00.000Z",
        period_end: "2025-04-01T00:00:00.000Z",
        runs: 3,
        selections: 2,
        tests_skipped: 2,
        minutes_saved: 3,
        tests_skipped_unmeasured: 0,
      },
    });
    const other = (await kit.call(kit.tokens.other, { url: "/v1/org" })).json();
    expect([other.name, other.repos, other.usage.runs, other.usage.minutes_saved]).toEqual([
      "globex",
      0,
      0,
      0,
    ]);
  });
});

describe("repositories", () => {
  it("connects owner/name idempotently and lists only the organization's repositories", async () => {
    kit = await makeKit();
    const connected = await write("/v1/repos", { name: "acme/api" });
    expect(connected.statusCode).toBe(200);
    expect(connected.json()).toEqual({
      id: connected.json().id,
      name: "acme/api",
      status: "connected",
      policy_path: ".superplane/policy.yml",
      created_at: "2025-03-10T12:00:00.000Z",
    });
    expect(connected.json().id).toMatch(/^repo_/);
    expect((await write("/v1/repos", { name: "acme/api" })).json().id).toBe(connected.json().id);
    const names = (await kit.call(kit.tokens.read, { url: "/v1/repos" }))
      .json()
      .repos.map((r: { name: string }) => r.name);
    expect(names).toEqual(["acme/api", "acme/web"]);
    expect((await kit.call(kit.tokens.other, { url: "/v1/repos" })).json()).toEqual({ repos: [] });
    const bad = await write("/v1/repos", { name: "not a repo" });
    expect([bad.statusCode, errorOf(bad.body).message]).toEqual([
      400,
      'body.name: must match pattern "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"',
    ]);
  });
});

describe("tokens", () => {
  it("mints a token shown once and revokes only the organization's own tokens", async () => {
    kit = await makeKit();
    const minted = await write("/v1/tokens", { scope: "read+write" });
    expect(minted.statusCode).toBe(201);
    const body = minted.json();
    expect(body).toEqual({
      id: body.id,
      token: body.token,
      scope: "read+write",
      created_at: "2025-03-10T12:00:00.000Z",
      expires_at: null,
    });
    expect(body.token).toMatch(/^spl_tok_[0-9A-Za-z]{32}$/);
    expect((await kit.call(body.token, { url: "/v1/org" })).json().name).toBe("acme");
    const foreign = await kit.call(kit.tokens.other, { method: "DELETE", url: `/v1/tokens/${body.id}` });
    expect([foreign.statusCode, errorOf(foreign.body).message]).toEqual([404, `token ${body.id} not found`]);
    expect((await kit.call(body.token, { url: "/v1/org" })).statusCode).toBe(200);
    const bad = await write("/v1/tokens", { scope: "admin" });
    expect(errorOf(bad.body).message).toBe("body.scope: must be one of read, read+write");
  });
});

describe("token expiry", () => {
  it("answers UNAUTHORIZED once a token's days are over, and refuses a lifetime out of range", async () => {
    kit = await makeKit();
    const minted = (await write("/v1/tokens", { scope: "read", expires_in_days: 2 })).json();
    expect(minted.expires_at).toBe("2025-03-12T12:00:00.000Z");
    kit.clock.advance(2 * 86_400_000 - 1);
    expect((await kit.call(minted.token, { url: "/v1/org" })).statusCode).toBe(200);
    kit.clock.advance(1);
    const expired = await kit.call(minted.token, { url: "/v1/org", headers: { "x-request-id": "exp-1" } });
    expect([expired.statusCode, errorOf(expired.body)]).toEqual([
      401,
      { code: "UNAUTHORIZED", message: "token expired at 2025-03-12T12:00:00.000Z", request_id: "exp-1" },
    ]);
    const tooLong = await write("/v1/tokens", { scope: "read", expires_in_days: 3651 });
    expect([tooLong.statusCode, errorOf(tooLong.body).message]).toEqual([
      400,
      "body.expires_in_days: must be <= 3650",
    ]);
  });
});

describe("webhooks", () => {
  const PUBLIC = ["93.184.215.14"];

  it("adds an endpoint with a generated secret shown once, lists and deletes it", async () => {
    kit = await makeKit({ resolveHost: async () => PUBLIC });
    const created = await write("/v1/webhooks", {
      url: "https://hooks.example.com/sp",
      events: ["run.failed"],
    });
    expect(created.statusCode).toBe(201);
    const hook = created.json();
    expect(hook).toEqual({
      id: hook.id,
      url: "https://hooks.example.com/sp",
      events: ["run.failed"],
      created_at: "2025-03-10T12:00:00.000Z",
      secret: hook.secret,
    });
    expect([hook.id, hook.secret]).toEqual([
      expect.stringMatching(/^wh_/),
      expect.stringMatching(/^whsec_\w{32}$/),
    ]);
    const given = await write("/v1/webhooks", {
      url: "https://hooks.example.com/2",
      events: ["run.passed", "canary.rollback"],
      secret: "0123456789abcdef",
    });
    expect(given.json().secret).toBe("0123456789abcdef");
    const list = (await kit.call(kit.tokens.read, { url: "/v1/webhooks" })).json();
    expect(list.webhooks.map((w: Record<string, unknown>) => Object.keys(w))).toEqual([
      ["id", "url", "events", "created_at"],
      ["id", "url", "events", "created_at"],
    ]);
    expect((await kit.call(kit.tokens.other, { url: "/v1/webhooks" })).json()).toEqual({ webhooks: [] });
    const foreign = await kit.call(kit.tokens.other, { method: "DELETE", url: `/v1/webhooks/${hook.id}` });
    expect(foreign.statusCode).toBe(404);
    const removed = await kit.call(kit.tokens.write, { method: "DELETE", url: `/v1/webhooks/${hook.id}` });
    expect(removed.statusCode).toBe(204);
    expect((await kit.call(kit.tokens.read, { url: "/v1/webhooks" })).json().webhooks).toHaveLength(1);
  });

  it("refuses private, loopback and unresolvable targets unless the operator allows private ones", async () => {
    kit = await makeKit({ resolveHost: async (host) => (host === "intranet.example" ? ["10.1.2.3"] : []) });
    // A literal address is the caller's own; what a name resolves to is never told.
    const cases: [string, string][] = [
      ["http://127.0.0.1:9000/h", "body.url: 127.0.0.1 is a private or loopback address"],
      ["http://localhost/h", "body.url: localhost is a loopback address"],
      ["http://[::1]/h", "body.url: ::1 is a private or loopback address"],
      ["http://[::127.0.0.1]/h", "body.url: ::7f00:1 is a private or loopback address"],
      ["http://[64:ff9b::a9fe:a9fe]/h", "body.url: 64:ff9b::a9fe:a9fe is a private or loopback address"],
      ["http://[2002:a9fe:a9fe::]/h", "body.url: 2002:a9fe:a9fe:: is a private or loopback address"],
      ["https://intranet.example/h", "body.url: intranet.example must resolve to public addresses only"],
      ["https://nowhere.example/h", "body.url: nowhere.example must resolve to public addresses only"],
      ["ftp://8.8.8.8/h", "body.url: must be an http or https URL"],
      ["not a url", 'body.url: not a URL: "not a url"'],
    ];
    for (const [url, message] of cases) {
      const response = await write("/v1/webhooks", { url, events: ["run.passed"] });
      expect([url, response.statusCode, errorOf(response.body).message]).toEqual([url, 400, message]);
    }
    await kit.close();
    kit = await makeKit({ allowPrivateWebhooks: true });
    const allowed = await write("/v1/webhooks", { url: "http://127.0.0.1:9000/h", events: ["run.passed"] });
    expect(allowed.statusCode).toBe(201);
  });

  it("validates the events list", async () => {
    kit = await makeKit();
    const unknown = await write("/v1/webhooks", { url: "https://8.8.8.8/h", events: ["run.exploded"] });
    expect(errorOf(unknown.body).message).toBe(
      "body.events[0]: must be one of run.started, run.passed, run.failed, canary.rollback",
    );
    const none = await write("/v1/webhooks", { url: "https://8.8.8.8/h", events: [] });
    expect(errorOf(none.body).message).toBe("body.events: must NOT have fewer than 1 items");
  });
});
