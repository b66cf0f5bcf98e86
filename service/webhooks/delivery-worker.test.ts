import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/support/databases.js";
import { ManualClock, START } from "../../test/support/service-kit.js";
import { startReceiver, type TestReceiver } from "../../test/support/webhook-receiver.js";
import type { NewRun, Storage } from "../storage/storage.js";
import { RETRY_WINDOW_MS } from "./backoff.js";
import { DeliveryWorker, type DeliveryWorkerOptions } from "./delivery-worker.js";
import { verifySignature } from "./sign-payload.js";

const SECRET = "whsec_worker_test_secret";

function run(id: string, repoId: string): NewRun {
  return {
    id,
    repo_id: repoId,
    commit_sha: "d".repeat(40),
    base_sha: null,
    policy_ref: null,
    status: "running",
    mode: "selective",
    full_reason: null,
    granularity: "symbol",
    tests_selected: 0,
    tests_total: 0,
    confidence_threshold: 0.85,
    model_version: null,
    created_at: START.toISOString(),
  };
}

describe.each(testDatabases())("the delivery worker on $name", (database) => {
  let receiver: TestReceiver;
  let storage: Storage;
  let orgId: string;
  let clock: ManualClock;
  const workers: DeliveryWorker[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    receiver.received.length = 0;
    receiver.respond(() => 204);
  });
  afterAll(async () => {
    await receiver.close();
    await database.dispose();
  });

  /** A fresh database with a webhook to `url` and `runs` started runs, one delivery each. */
  async function seed(runs: number, url = receiver.url) {
    storage = await database.open();
    clock = new ManualClock(START);
    orgId = (await storage.ensureOrganization("acme", START)).id;
    const repoId = (await storage.connectRepo(orgId, "acme/web", START)).id;
    const hook = { id: "wh_1", url, events: ["run.started" as const], created_at: START.toISOString() };
    await storage.createWebhook(orgId, hook, SECRET);
    for (let i = 0; i < runs; i++) await storage.createRun(orgId, run(`run_${i}`, repoId), []);
  }

  function worker(options: Partial<DeliveryWorkerOptions> = {}) {
    const made = new DeliveryWorker({ storage, clock, allowPrivate: true, random: () => 0, ...options });
    workers.push(made);
    return made;
  }

  const log = async () => (await storage.deliveryLog(orgId, "wh_1", { page: 1, perPage: 50 }))!.deliveries;

  it("POSTs the payload signed, with delivery id, event, attempt and timestamp, and records it", async () => {
    await seed(1);
    expect(await worker().runOnce()).toBe(1);
    const [request] = receiver.received;
    const [delivery] = await log();
    expect(request!.body).toBe(delivery!.payload);
    const signature = request!.headers["x-superplane-signature"] as string;
    expect(signature).toMatch(new RegExp(`^t=${START.getTime() / 1000},v1=[0-9a-f]{64}$`));
    expect(verifySignature(SECRET, request!.body, signature, START)).toBe(true);
    expect(request!.headers).toMatchObject({
      "content-type": "application/json",
      "x-superplane-event": "run.started",
      "x-superplane-delivery": delivery!.id,
      "x-superplane-attempt": "1",
      "x-superplane-timestamp": String(START.getTime() / 1000),
    });
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, delivered_at: START.toISOString() });
    expect(delivery!.attempt_log).toEqual([
      {
        attempt: 1,
        started_at: START.toISOString(),
        status_code: 204,
        error: null,
        duration_ms: expect.any(Number),
      },
    ]);
  });

  it("counts a send by a replica that died before recording it: the next one says attempt 2", async () => {
    await seed(1);
    // A replica claims the delivery (and would send it), then dies without recording anything.
    const [lost] = await storage.claimDeliveries("dead-replica", clock.now(), 30_000, 16);
    expect(lost).toMatchObject({ attempt: 1 });
    clock.advance(30_000);
    expect(await worker().runOnce()).toBe(1);
    expect(receiver.received.map((r) => r.headers["x-superplane-attempt"])).toEqual(["2"]);
    const [delivery] = await log();
    expect(delivery).toMatchObject({ status: "delivered", attempts: 2 });
    // The lost send has no outcome to show; the log holds what is known.
    expect(delivery!.attempt_log.map((a) => [a.attempt, a.status_code])).toEqual([[2, 204]]);
  });

  it("retries a failing receiver with backoff under the same delivery id until it answers 2xx", async () => {
    await seed(1);
    receiver.respond(() => (receiver.received.length === 1 ? 500 : 200));
    const sender = worker();
    await sender.runOnce();
    const [pending] = await log();
    // Attempt 1 failed; with jitter at 0 the next waits half of 10 s.
    expect(pending).toMatchObject({ status: "pending", attempts: 1, last_error: "HTTP 500" });
    expect(pending!.next_attempt_at).toBe(new Date(START.getTime() + 5_000).toISOString());
    clock.advance(4_999);
    expect(await sender.runOnce()).toBe(0);
    clock.advance(1);
    expect(await sender.runOnce()).toBe(1);
    const ids = receiver.received.map((r) => [
      r.headers["x-superplane-delivery"],
      r.headers["x-superplane-attempt"],
    ]);
    expect(ids).toEqual([
      [pending!.id, "1"],
      [pending!.id, "2"],
    ]);
    const [delivered] = await log();
    expect(delivered!.attempt_log.map((a) => a.status_code)).toEqual([500, 200]);
    expect(delivered).toMatchObject({ status: "delivered", last_error: null });
  });

  it("marks a delivery failed once an attempt fails 24 hours after the event", async () => {
    await seed(1);
    receiver.respond(() => 503);
    const sender = worker();
    await sender.runOnce();
    clock.advance(RETRY_WINDOW_MS);
    expect(await sender.runOnce()).toBe(1);
    const [failed] = await log();
    expect(failed).toMatchObject({
      status: "failed",
      attempts: 2,
      last_error: "HTTP 503",
      next_attempt_at: null,
    });
    clock.advance(RETRY_WINDOW_MS);
    expect(await sender.runOnce()).toBe(0);
  });

  it("records a timeout and a refused connection as errors to retry", async () => {
    await seed(1);
    receiver.respond(() => "hold");
    await worker({ timeoutMs: 200 }).runOnce();
    const [timedOut] = await log();
    expect(timedOut!.attempt_log[0]).toMatchObject({ status_code: null, error: "timed out after 200 ms" });
    await seed(1, "http://127.0.0.1:1/closed");
    await worker().runOnce();
    const [refused] = await log();
    expect(refused).toMatchObject({ status: "pending", last_error: expect.stringContaining("ECONNREFUSED") });
  });

  it("refuses a private target when it sends unless the operator allows private targets", async () => {
    await seed(1);
    await worker({ allowPrivate: false }).runOnce();
    expect(receiver.received).toEqual([]);
    const [refused] = await log();
    expect(refused!.attempt_log[0]!.error).toBe("127.0.0.1 is a private or loopback address");
  });

  it("sends a batch side by side and, when stopped, finishes and records the sends in flight", async () => {
    await seed(3);
    const held: (() => void)[] = [];
    receiver.respond((_request, response) => {
      held.push(() => response.writeHead(200).end());
      return "hold";
    });
    const sender = worker({ pollMs: 60_000 });
    sender.start();
    await receiver.waitFor(3);
    const stopped = sender.stop();
    for (const release of held) release();
    await stopped;
    expect((await log()).map((d) => d.status)).toEqual(["delivered", "delivered", "delivered"]);
  });
});
