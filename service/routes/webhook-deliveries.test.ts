import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Kit, makeKit, selectionBody } from "../../test/support/service-kit.js";
import { startReceiver, type TestReceiver } from "../../test/support/webhook-receiver.js";
import { DeliveryWorker } from "../webhooks/delivery-worker.js";

let kit: Kit;
let receiver: TestReceiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterEach(() => kit.close());
afterAll(() => receiver.close());

const errorOf = (body: string) => JSON.parse(body).error;

/** A webhook on run.started to the loopback receiver, and one started run. */
async function hookAndRun() {
  kit = await makeKit({ allowPrivateWebhooks: true });
  const hook = await kit.call(kit.tokens.write, {
    method: "POST",
    url: "/v1/webhooks",
    payload: { url: receiver.url, events: ["run.started"] },
  });
  const run = await kit.call(kit.tokens.write, {
    method: "POST",
    url: "/v1/runs",
    payload: selectionBody(kit.repoId),
  });
  return { hookId: hook.json().id as string, runId: run.json().id as string };
}

describe("GET /v1/webhooks/{id}/deliveries", () => {
  it("lists deliveries with their status, payload and every attempt", async () => {
    const { hookId, runId } = await hookAndRun();
    const url = `/v1/webhooks/${hookId}/deliveries`;
    const queued = (await kit.call(kit.tokens.read, { url })).json();
    expect(queued).toMatchObject({ page: 1, per_page: 20, total: 1 });
    expect(queued.deliveries[0]).toMatchObject({
      webhook_id: hookId,
      event: "run.started",
      status: "pending",
      attempts: 0,
      next_attempt_at: "2025-03-10T12:00:00.000Z",
      attempt_log: [],
    });
    expect(queued.deliveries[0].payload).toMatchObject({
      id: queued.deliveries[0].id,
      event: "run.started",
      data: { run: { id: runId, status: "running" } },
    });

    receiver.respond(() => 202);
    const worker = new DeliveryWorker({ storage: kit.storage, clock: kit.clock, allowPrivate: true });
    await worker.runOnce();
    await worker.stop();
    const sent = (await kit.call(kit.tokens.read, { url })).json().deliveries[0];
    expect(sent).toMatchObject({
      id: queued.deliveries[0].id,
      status: "delivered",
      attempts: 1,
      next_attempt_at: null,
      delivered_at: "2025-03-10T12:00:00.000Z",
      failed_at: null,
      last_error: null,
      attempt_log: [{ attempt: 1, started_at: "2025-03-10T12:00:00.000Z", status_code: 202, error: null }],
    });
    const pending = await kit.call(kit.tokens.read, { url: `${url}?status=pending` });
    expect(pending.json()).toMatchObject({ deliveries: [], total: 0 });
  });

  it("answers NOT_FOUND for an unknown webhook and for another organization's", async () => {
    const { hookId } = await hookAndRun();
    const unknown = await kit.call(kit.tokens.read, { url: "/v1/webhooks/wh_nope/deliveries" });
    expect([unknown.statusCode, errorOf(unknown.body).message]).toEqual([404, "webhook wh_nope not found"]);
    const foreign = await kit.call(kit.tokens.other, { url: `/v1/webhooks/${hookId}/deliveries` });
    expect([foreign.statusCode, errorOf(foreign.body).code]).toEqual([404, "NOT_FOUND"]);
  });

  it("validates the query", async () => {
    const { hookId } = await hookAndRun();
    const response = await kit.call(kit.tokens.read, {
      url: `/v1/webhooks/${hookId}/deliveries?status=lost&per_page=5`,
    });
    expect([response.statusCode, errorOf(response.body).message]).toEqual([
      400,
      "querystring.status: must be one of pending, delivered, failed",
    ]);
  });
});
