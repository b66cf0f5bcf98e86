import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { Type } from "@sinclair/typebox";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GZIP_FROM, HttpClient } from "../../action/service/http-client.js";
import { compactBody } from "../../action/service/selection-wire.js";
import { compileBodyWorker } from "../../test/support/body-worker-script.js";
import { type Kit, makeKit, SHA, selectionBody } from "../../test/support/service-kit.js";
import { type BodyParsing, createBodyParsing } from "./body-parsing.js";

/**
 * Large bodies on a real server on loopback, parsed on a worker thread (the threshold at 0 sends
 * every body there): the answers match the inline parser's, errors included, and gzip bodies are
 * read within the body limit.
 */

let worker: Awaited<ReturnType<typeof compileBodyWorker>>;
let bodies: BodyParsing;
/** Every body through the worker. */
let offThread: Server;
/** The same service parsing inline, to compare answers with. */
let inline: Server;

interface Server {
  kit: Kit;
  url: string;
}

async function serve(kit: Kit): Promise<Server> {
  await kit.app.listen({ port: 0, host: "127.0.0.1" });
  return { kit, url: `http://127.0.0.1:${(kit.app.server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  worker = await compileBodyWorker();
  bodies = createBodyParsing({ workerScript: worker.script, threshold: 0, workers: 1 });
  offThread = await serve(await makeKit({ bodies }));
  inline = await serve(await makeKit({ bodyParsing: { threshold: Number.POSITIVE_INFINITY } }));
}, 60_000);

afterAll(async () => {
  await offThread?.kit.close();
  await inline?.kit.close();
  await bodies?.close();
  worker?.remove();
});

interface Sent {
  method?: "POST" | "PUT";
  path: string;
  body: string | Buffer;
  type?: string;
  encoding?: string;
}

async function send(server: Server, sent: Sent & { key?: string }) {
  const response = await request(`${server.url}${sent.path}`, {
    method: sent.method ?? "POST",
    headers: {
      authorization: `Bearer ${server.kit.tokens.write}`,
      "content-type": sent.type ?? "application/json",
      ...(sent.encoding ? { "content-encoding": sent.encoding } : {}),
      ...(sent.key ? { "idempotency-key": sent.key } : {}),
    },
    body: sent.body,
  });
  const json = (await response.body.json()) as Record<string, unknown> & {
    error?: { code: string; message: string; limit?: unknown };
  };
  return { status: response.statusCode, json, replayed: response.headers["idempotent-replayed"] === "true" };
}

/** The same request to both servers; their repos differ, so `path` and `body` are per server. */
async function both(make: (server: Server) => Sent) {
  const before = bodies.offThreadJobs;
  const worked = await send(offThread, make(offThread));
  const jobs = bodies.offThreadJobs - before;
  const plain = await send(inline, make(inline));
  return { worked, plain, jobs };
}

const withoutIds = (json: Record<string, unknown>) => {
  const {
    run_id: _run,
    timings: _timings,
    error,
    ...rest
  } = json as {
    run_id?: string;
    timings?: unknown;
    error?: Record<string, unknown>;
  };
  if (error) {
    const { request_id: _request, ...fields } = error;
    return { ...rest, error: fields };
  }
  return rest;
};

const manyTests = (server: Server, count: number) => {
  const body = selectionBody(server.kit.repoId);
  const tests = Array.from({ length: count }, (_, i) => ({
    ...body.tests[i % 2]!,
    path: `test/t${i}.test.ts`,
  }));
  return { ...body, tests };
};

describe("large bodies on a worker thread", () => {
  it("selects from a 1,000-test body as the inline parser does", async () => {
    const { worked, plain, jobs } = await both((server) => ({
      path: "/v1/selection",
      body: JSON.stringify({ ...manyTests(server, 1_000), extra: "dropped" }),
    }));
    expect(jobs).toBe(1);
    expect(worked.status).toBe(200);
    expect((worked.json.decisions as unknown[]).length).toBe(1_000);
    expect(withoutIds(worked.json)).toEqual(withoutIds(plain.json));
  });

  it("selects from 1,000 tests sent as columns, answered as columns, as the inline parser does", async () => {
    const { worked, plain, jobs } = await both((server) => ({
      path: "/v1/selection",
      body: JSON.stringify(compactBody(manyTests(server, 1_000))),
    }));
    expect(jobs).toBe(1);
    expect(worked.status).toBe(200);
    expect((worked.json.decision_columns as { test_path: unknown[] }).test_path.length).toBe(1_000);
    expect(withoutIds(worked.json)).toEqual(withoutIds(plain.json));
  });

  it("answers the inline parser's errors", async () => {
    const deep = `${"[".repeat(100)}${"]".repeat(100)}`;
    const cases: ((server: Server) => string)[] = [
      () => deep,
      () => "{not json",
      () => '{"repo_id": "x", "__proto__": {"admin": true}}',
      (server) => JSON.stringify({ ...selectionBody(server.kit.repoId), commit_sha: "a\u0000" }),
      (server) => JSON.stringify({ ...selectionBody(server.kit.repoId), commit_sha: "nope" }),
      (server) => JSON.stringify({ ...selectionBody(server.kit.repoId), tests: undefined }),
    ];
    for (const body of cases) {
      const { worked, plain, jobs } = await both((server) => ({ path: "/v1/selection", body: body(server) }));
      expect(jobs).toBe(1);
      expect(worked.status).toBe(400);
      expect(withoutIds(worked.json)).toEqual(withoutIds(plain.json));
    }
  });

  it("answers 413 naming the count limit a body goes past", async () => {
    const { worked, plain } = await both((server) => ({
      path: "/v1/selection",
      body: JSON.stringify({
        ...selectionBody(server.kit.repoId),
        changed_files: Array.from({ length: 100_001 }, (_, i) => ({
          path: `src/${i}.ts`,
          status: "modified",
        })),
      }),
    }));
    expect([worked.status, worked.json.error]).toEqual([
      413,
      {
        code: "PAYLOAD_TOO_LARGE",
        message: "body.changed_files: more than 100,000 changed files per selection (limit changed_files)",
        limit: { name: "changed_files", max: 100_000 },
        request_id: expect.any(String),
      },
    ]);
    expect(withoutIds(worked.json)).toEqual(withoutIds(plain.json));
  });

  it("parses JUnit XML there, and refuses more test cases than the limit", async () => {
    const run = await send(offThread, {
      path: "/v1/runs",
      body: JSON.stringify(selectionBody(offThread.kit.repoId)),
    });
    const runId = run.json.id as string;
    const xml = `<testsuites><testsuite name="s">${'<testcase classname="test/math.test.ts" name="a" time="0.5"/>'.repeat(3)}</testsuite></testsuites>`;
    const before = bodies.offThreadJobs;
    const reported = await send(offThread, {
      path: `/v1/runs/${runId}/results`,
      body: xml,
      type: "application/xml",
    });
    expect(bodies.offThreadJobs - before).toBe(1);
    expect([reported.status, reported.json.status]).toEqual([200, "passed"]);
    const cases = `<testcase classname="t.test.ts" name="a"/>`.repeat(300_001);
    const tooMany = await send(offThread, {
      path: `/v1/runs/${runId}/results`,
      body: `<testsuites><testsuite name="s">${cases}</testsuite></testsuites>`,
      type: "application/xml",
    });
    expect([tooMany.status, tooMany.json.error?.limit, tooMany.json.error?.message]).toEqual([
      413,
      { name: "junit_test_cases", max: 300_000 },
      "body: more than 300,000 test cases per JUnit report (limit junit_test_cases)",
    ]);
  });

  it("reads gzip bodies, JSON and XML", async () => {
    const body = JSON.stringify(manyTests(offThread, 300));
    const zipped = await send(offThread, { path: "/v1/selection", body: gzipSync(body), encoding: "gzip" });
    expect([zipped.status, (zipped.json.decisions as unknown[]).length]).toEqual([200, 300]);
    const inlineBody = JSON.stringify(manyTests(inline, 300));
    const inlineZipped = await send(inline, {
      path: "/v1/selection",
      body: gzipSync(inlineBody),
      encoding: "gzip",
    });
    expect(inlineZipped.status).toBe(200);
    const coverage = JSON.stringify({ commit_sha: SHA, records: [] });
    const stored = await send(offThread, {
      method: "PUT",
      path: `/v1/repos/${offThread.kit.repoId}/coverage`,
      body: gzipSync(coverage),
      encoding: "gzip",
    });
    expect([stored.status, stored.json]).toEqual([200, { stored: 0 }]);
  });

  it("keeps Idempotency-Key working with the fingerprint hashed on the worker", async () => {
    const body = JSON.stringify(manyTests(offThread, 400));
    const first = await send(offThread, { path: "/v1/runs", body, key: "k-large" });
    const again = await send(offThread, { path: "/v1/runs", body, key: "k-large" });
    expect([first.status, again.status, again.replayed, again.json.id]).toEqual([
      201,
      201,
      true,
      first.json.id,
    ]);
    const other = await send(offThread, {
      path: "/v1/runs",
      body: JSON.stringify(manyTests(offThread, 401)),
      key: "k-large",
    });
    expect([other.status, other.json.error?.code]).toEqual([409, "CONFLICT"]);
  });

  it("keeps Idempotency-Key working for a JUnit report parsed there, its text fingerprinted", async () => {
    const run = await send(offThread, {
      path: "/v1/runs",
      body: JSON.stringify(selectionBody(offThread.kit.repoId, { commit_sha: "7".repeat(40) })),
    });
    const path = `/v1/runs/${run.json.id as string}/results`;
    const xml = (name: string) =>
      `<testsuites><testsuite name="s"><testcase classname="test/math.test.ts" name="${name}" time="0.5"/></testsuite></testsuites>`;
    const sent = { path, type: "application/xml", key: "k-junit" };
    const before = bodies.offThreadJobs;
    const first = await send(offThread, { ...sent, body: xml("a") });
    const again = await send(offThread, { ...sent, body: xml("a") });
    expect(bodies.offThreadJobs - before).toBe(2);
    expect([first.status, again.status, again.replayed, again.json]).toEqual([200, 200, true, first.json]);
    // The same per-file results from another text is another request.
    const other = await send(offThread, { ...sent, body: xml("b") });
    expect([other.status, other.json.error?.code]).toEqual([409, "CONFLICT"]);
  });

  it("reads what the action's client sends gzipped, on both threads", async () => {
    for (const server of [offThread, inline]) {
      const http = new HttpClient({ baseUrl: `${server.url}/v1`, token: server.kit.tokens.write });
      const data = JSON.stringify(manyTests(server, 500));
      expect(data.length).toBeGreaterThan(GZIP_FROM);
      const answer = await http.call({
        method: "POST",
        path: "/selection",
        body: { type: "application/json", data },
        schema: Type.Object({ tests_total: Type.Number() }),
      });
      await http.close();
      expect(answer.tests_total).toBe(500);
    }
  });

  it("refuses unknown encodings with 415, broken gzip with 400, and a zip bomb past the body limit with 413", async () => {
    const body = JSON.stringify(selectionBody(offThread.kit.repoId));
    const brotli = await send(offThread, { path: "/v1/selection", body, encoding: "br" });
    expect([brotli.status, brotli.json.error?.code, brotli.json.error?.message]).toEqual([
      415,
      "VALIDATION_FAILED",
      'Content-Encoding "br" is not supported: send gzip or no encoding',
    ]);
    const broken = await send(offThread, {
      path: "/v1/selection",
      body: Buffer.from("not gzip at all"),
      encoding: "gzip",
    });
    expect([broken.status, broken.json.error?.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(broken.json.error?.message).toMatch(/^the gzip body cannot be decompressed: /);
    // 17 MiB of spaces (valid JSON padding) gzip to some 17 KiB: past the 16 MiB limit once decompressed.
    const bomb = gzipSync(Buffer.concat([Buffer.from(body), Buffer.alloc(17 * 1024 * 1024, " ")]));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const refused = await send(offThread, { path: "/v1/selection", body: bomb, encoding: "gzip" });
    expect([refused.status, refused.json.error?.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    // The service still answers.
    const after = await send(offThread, { path: "/v1/selection", body: gzipSync(body), encoding: "gzip" });
    expect(after.status).toBe(200);
  });
});
