import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectionBody } from "../test/support/service-kit.js";
import { mintToken } from "./auth/api-token.js";
import { type RunningServer, startServer } from "./server.js";

let dir: string;
let server: RunningServer;
let token: string;
let repoId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "superplane-server-"));
  server = await startServer({ port: 0, host: "127.0.0.1", databaseUrl: join(dir, "sp.db"), logger: false });
  const org = await server.storage.ensureOrganization("acme", new Date());
  const minted = mintToken();
  await server.storage.createToken(org.id, "read+write", minted.hash, new Date());
  token = minted.token;
  repoId = (await server.storage.connectRepo(org.id, "acme/web", new Date())).id;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a real listening server", () => {
  it("listens on an ephemeral loopback port and serves health", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/v1/health`, { headers: { "x-request-id": "probe-1" } });
    expect([response.status, response.headers.get("x-request-id"), await response.json()]).toEqual([
      200,
      "probe-1",
      { status: "ok" },
    ]);
  });

  it("runs a selection and reports JUnit results over HTTP", async () => {
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const selection = await fetch(`${server.url}/v1/selection`, {
      method: "POST",
      headers,
      body: JSON.stringify(selectionBody(repoId)),
    });
    const selected = (await selection.json()) as { run_id: string; tests_selected: number };
    expect([selection.status, selected.tests_selected]).toEqual([200, 1]);
    const junit =
      '<testsuite name="t"><testcase classname="test/math.test.ts" name="a" time="0.002"/></testsuite>';
    const reported = await fetch(`${server.url}/v1/runs/${selected.run_id}/results`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/xml" },
      body: junit,
    });
    expect(await reported.json()).toMatchObject({
      status: "passed",
      // A JUnit report holds its cases' times, not the command's wall time: the run's stays unknown.
      duration_ms: null,
      results: [{ test_path: "test/math.test.ts", outcome: "passed", duration_ms: 2 }],
    });
  });

  it("answers a request without a token with the error shape", async () => {
    const response = await fetch(`${server.url}/v1/org`);
    const body = (await response.json()) as { error: { code: string; request_id: string } };
    expect([response.status, body.error.code, body.error.request_id]).toEqual([
      401,
      "UNAUTHORIZED",
      response.headers.get("x-request-id"),
    ]);
  });
});
