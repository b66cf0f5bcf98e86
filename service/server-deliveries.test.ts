import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectionBody } from "../test/support/service-kit.js";
import { startReceiver, type TestReceiver } from "../test/support/webhook-receiver.js";
import { mintToken } from "./auth/api-token.js";
import { type RunningServer, startServer } from "./server.js";
import { verifySignature } from "./webhooks/sign-payload.js";

let dir: string;
let server: RunningServer;
let receiver: TestReceiver;
let headers: Record<string, string>;
let repoId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "superplane-server-"));
  receiver = await startReceiver();
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    databaseUrl: join(dir, "sp.db"),
    logger: false,
    allowPrivateWebhooks: true,
    deliveryPollMs: 50,
  });
  const org = await server.storage.ensureOrganization("acme", new Date());
  const minted = mintToken();
  await server.storage.createToken(org.id, "read+write", minted.hash, new Date());
  headers = { authorization: `Bearer ${minted.token}`, "content-type": "application/json" };
  repoId = (await server.storage.connectRepo(org.id, "acme/web", new Date())).id;
});

afterAll(async () => {
  await server.close();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a listening server's webhooks and limits", () => {
  it("delivers a run's events from its own worker, signed with the endpoint's secret", async () => {
    const hook = await fetch(`${server.url}/v1/webhooks`, {
      method: "POST",
      headers,
      body: JSON.stringify({ url: receiver.url, events: ["run.started", "run.passed"] }),
    });
    const { id, secret } = (await hook.json()) as { id: string; secret: string };
    const run = await fetch(`${server.url}/v1/runs`, {
      method: "POST",
      headers,
      body: JSON.stringify(selectionBody(repoId)),
    });
    const runId = ((await run.json()) as { id: string }).id;
    await fetch(`${server.url}/v1/runs/${runId}/results`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        results: [{ test_path: "test/math.test.ts", outcome: "passed", duration_ms: 3 }],
      }),
    });
    await receiver.waitFor(2);
    const events = receiver.received.map(
      (r) => JSON.parse(r.body) as { event: string; data: { run: { id: string } } },
    );
    expect(events.map((e) => [e.event, e.data.run.id]).sort()).toEqual([
      ["run.passed", runId],
      ["run.started", runId],
    ]);
    for (const request of receiver.received) {
      const signature = request.headers["x-superplane-signature"] as string;
      expect(verifySignature(secret, request.body, signature, new Date())).toBe(true);
    }
    const log = await fetch(`${server.url}/v1/webhooks/${id}/deliveries`, { headers });
    const { total } = (await log.json()) as { total: number };
    expect(total).toBe(2);
  });

  it("answers a body over the limit with 413 before reading it", async () => {
    const response = await fetch(`${server.url}/v1/selection`, {
      method: "POST",
      headers,
      body: "x".repeat(16 * 1024 * 1024 + 1),
    });
    const body = (await response.json()) as { error: { code: string } };
    expect([response.status, body.error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });

  it("says where rate limits are counted", () => {
    expect(server.rateLimitStore).toBe("memory");
  });
});
