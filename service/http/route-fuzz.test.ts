import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../../contract/error-codes.js";
import { testDatabases } from "../../test/support/databases.js";
import { SHA, selectionBody } from "../../test/support/service-kit.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import type { Storage } from "../storage/storage.js";

/**
 * Every write route's body, fuzzed from a valid one (a value replaced by something hostile, a key
 * dropped or added) and from arbitrary JSON and text: the answer is 2xx, or 4xx with a documented
 * code and its status; never 5xx; and a refused request leaves nothing stored.
 * SUPERPLANE_FUZZ_RUNS raises the number of bodies per route (default 40).
 */

const RUNS = Number(process.env.SUPERPLANE_FUZZ_RUNS ?? 40);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values a client should not send: deep, long, NUL-bearing, out of range, of the wrong type. */
const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    "",
    "\u0000",
    "a\u0000b",
    "x".repeat(5_000),
    "../../etc/passwd",
    "😀\u202e",
    1e308,
    -1,
    2 ** 53 + 1,
    0.5,
    -0,
    [],
    {},
    { __proto__: { polluted: true } } as unknown as Json,
  ),
  fc.integer({ min: 2, max: 200 }).map((depth) => {
    let value: Json = 1;
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  }),
);

/** Every path into a JSON value, root first. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) paths.push(...pathsOf(item, [...prefix, i]));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

type Mutation = { pick: number; action: "replace" | "drop" | "add"; value: Json; key: string };

function mutate(seed: Json, { pick, action, value, key }: Mutation): Json {
  const copy = structuredClone(seed);
  const paths = pathsOf(copy);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return action === "replace" ? value : copy;
  const parent = path.slice(0, -1).reduce<Json>((node, part) => (node as Record<string, Json>)[part]!, copy);
  const last = path[path.length - 1]!;
  const container = parent as Record<string | number, Json>;
  if (action === "replace") container[last] = value;
  else if (action === "drop") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete container[last];
  } else if (parent && typeof parent === "object" && !Array.isArray(parent)) container[key] = value;
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom("replace", "drop", "add"),
  value: hostile,
  key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "policy")),
});

/** A request body: a mutated valid one, arbitrary JSON, or text that may not be JSON at all. */
function bodies(seed: Json): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: mutation.map((m) => JSON.stringify(mutate(seed, m))) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
}

describe.each(testDatabases())("every write route's body, fuzzed, on $name", (database) => {
  let storage: Storage;
  let app: FastifyInstance;
  let token: string;
  let repoId: string;
  let runId: string;

  beforeAll(async () => {
    storage = await database.open();
    const org = await storage.ensureOrganization("acme", new Date());
    const minted = mintToken();
    await storage.createToken(org.id, "read+write", minted.hash, new Date());
    token = minted.token;
    repoId = (await storage.connectRepo(org.id, "acme/web", new Date())).id;
    app = await buildApp({ storage, rateLimit: 1e9, resolveHost: async () => ["93.184.216.34"] });
    runId = (await send("POST", "/v1/runs", JSON.stringify(selectionBody(repoId)))).json().id;
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  function send(method: "POST" | "PUT", url: string, payload: string, contentType = "application/json") {
    return app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, "content-type": contentType },
      payload,
    });
  }

  const get = async (url: string) =>
    (await app.inject({ url, headers: { authorization: `Bearer ${token}` } })).json();

  /** What a refused request must not have changed. */
  async function snapshot() {
    const [runs, repos, webhooks, tokens, coverage, durations] = await Promise.all([
      get("/v1/runs?per_page=1"),
      get("/v1/repos"),
      get("/v1/webhooks"),
      get("/v1/org"),
      app.inject({
        method: "POST",
        url: `/v1/repos/${repoId}/coverage/query`,
        headers: { authorization: `Bearer ${token}` },
        payload: { tests: ["test/math.test.ts"] },
      }),
      get(`/v1/repos/${repoId}/durations`),
    ]);
    return JSON.stringify([
      runs.total,
      repos.repos?.length,
      webhooks.webhooks?.length,
      tokens,
      coverage.body,
      durations,
      (await get(`/v1/runs/${runId}`)).results,
    ]);
  }

  const routes = (): { name: string; method: "POST" | "PUT"; url: string; seed: Json; type?: string }[] => [
    { name: "POST /v1/runs", method: "POST", url: "/v1/runs", seed: selectionBody(repoId) as Json },
    {
      name: "POST /v1/runs (trigger)",
      method: "POST",
      url: "/v1/runs",
      seed: { repo_id: repoId, commit_sha: SHA, policy_ref: "main" },
    },
    {
      name: "POST /v1/selection",
      method: "POST",
      url: "/v1/selection",
      seed: selectionBody(repoId, { policy: { version: 1, always_run: ["test/smoke/**"] } }) as Json,
    },
    {
      name: "POST /v1/runs/{id}/results",
      method: "POST",
      url: `/v1/runs/${runId}/results`,
      seed: { results: [{ test_path: "test/math.test.ts", outcome: "passed", duration_ms: 12 }] },
    },
    {
      name: "PUT /v1/repos/{id}/coverage",
      method: "PUT",
      url: `/v1/repos/${repoId}/coverage`,
      seed: {
        commit_sha: SHA,
        records: [
          {
            version: 1,
            test: "test/math.test.ts",
            files: [{ path: "src/math.ts", blob: "1".repeat(40), units: [0] }],
          },
        ],
      },
    },
    {
      name: "PUT /v1/repos/{id}/durations",
      method: "PUT",
      url: `/v1/repos/${repoId}/durations`,
      seed: {
        durations: [
          {
            test_path: "test/math.test.ts",
            duration_ms: 5,
            measured_at: "2025-01-01T00:00:00Z",
            commit_sha: SHA,
          },
        ],
      },
    },
    {
      name: "POST /v1/repos/{id}/history",
      method: "POST",
      url: `/v1/repos/${repoId}/history`,
      seed: {
        commits: 3,
        files: [{ path: "src/math.ts", commits: 2 }],
        pairs: [{ source: "src/math.ts", test: "test/math.test.ts", count: 1 }],
      },
    },
    { name: "POST /v1/repos", method: "POST", url: "/v1/repos", seed: { name: "acme/api" } },
    {
      name: "POST /v1/webhooks",
      method: "POST",
      url: "/v1/webhooks",
      seed: { url: "https://hooks.example.com/x", events: ["run.passed"] },
    },
    { name: "POST /v1/tokens", method: "POST", url: "/v1/tokens", seed: { scope: "read" } },
  ];

  /**
   * The state the last refused request was checked against: it is the state before the next request
   * too, so that request's `before` is not read again (the snapshot is seven requests; reading it
   * twice per body was most of the file's time). An accepted request may change it: then it is read.
   */
  let unchanged: string | undefined;

  async function check(method: "POST" | "PUT", url: string, payload: string, contentType?: string) {
    const before = unchanged ?? (await snapshot());
    unchanged = undefined;
    const answer = await send(method, url, payload, contentType);
    const status = answer.statusCode;
    const context = `${method} ${url} ${status} ${answer.body.slice(0, 300)}\nbody: ${payload.slice(0, 300)}`;
    expect(status, context).toBeLessThan(500);
    if (status >= 400) {
      const error = answer.json().error;
      expect(Object.keys(ERROR_STATUS), context).toContain(error?.code);
      expect(ERROR_STATUS[error.code as keyof typeof ERROR_STATUS], context).toBe(status);
      expect(await snapshot(), `refused but stored: ${context}`).toBe(before);
      unchanged = before;
    }
  }

  it.each(routes().map((route) => [route.name]))(
    "%s",
    async (name) => {
      const route = routes().find((candidate) => candidate.name === name)!;
      await fc.assert(
        fc.asyncProperty(bodies(route.seed), (payload) => check(route.method, route.url, payload)),
        { numRuns: RUNS },
      );
    },
    120_000,
  );

  it("POST /v1/runs/{id}/results as JUnit XML", async () => {
    const junit = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc
        .record({
          name: fc.string({ maxLength: 40 }),
          time: fc.oneof(fc.string({ maxLength: 6 }), fc.double().map(String)),
          inner: fc.constantFrom(
            "",
            "<failure/>",
            "<skipped/>",
            "<![CDATA[x]]>",
            "&amp;",
            "&#0;",
            "<!-- c -->",
          ),
        })
        .map(
          ({ name, time, inner }) =>
            `<testsuites><testsuite name="s"><testcase classname="${name}" name="t" time="${time}">${inner}</testcase></testsuite></testsuites>`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(junit, (xml) => check("POST", `/v1/runs/${runId}/results`, xml, "application/xml")),
      { numRuns: RUNS },
    );
  }, 120_000);

  it("every read route's query string", async () => {
    const reads = [
      "/v1/runs",
      `/v1/webhooks/wh_none/deliveries`,
      "/v1/tests/flaky",
      "/v1/tests/metrics",
      `/v1/repos/${repoId}/insights`,
      `/v1/repos/${repoId}/durations`,
      `/v1/repos/${repoId}/models`,
    ];
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        "1e308",
        "-1",
        "0",
        "NaN",
        "9007199254740993",
        "%00",
        "1.5",
        "[]",
        "passed",
        repoId,
        "2025-02-30",
        "2025-01-01T00:00:00Z",
        "0000-01-01",
        "99999-01-01",
      ),
    );
    const query = fc.dictionary(
      fc.constantFrom("page", "per_page", "status", "repo_id", "runs", "from", "to", "test_path"),
      value,
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), query, async (path, params) => {
        const url = `${path}?${new URLSearchParams(params).toString()}`;
        const answer = await app.inject({ url, headers: { authorization: `Bearer ${token}` } });
        const context = `GET ${url} ${answer.statusCode} ${answer.body.slice(0, 300)}`;
        expect(answer.statusCode, context).toBeLessThan(500);
        if (answer.statusCode >= 400) {
          const code = answer.json().error?.code as keyof typeof ERROR_STATUS;
          expect(ERROR_STATUS[code], context).toBe(answer.statusCode);
        }
      }),
      { numRuns: RUNS * 3 },
    );
  }, 120_000);
});
