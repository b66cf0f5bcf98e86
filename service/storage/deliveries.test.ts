import { afterAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/support/databases.js";
import type { NewRun, Storage } from "./storage.js";

const at = (second: number) => new Date(Date.UTC(2025, 0, 15, 12, 0, second));
const LEASE = 30_000;

function runningRun(id: string, repoId: string): NewRun {
  return {
    id,
    repo_id: repoId,
    commit_sha: "c".repeat(40),
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
    created_at: at(0).toISOString(),
  };
}

/** An organization with one webhook on run.started and `runs` started runs: one delivery each. */
async function seed(storage: Storage, name: string, runs: number) {
  const orgId = (await storage.ensureOrganization(name, at(0))).id;
  const repoId = (await storage.connectRepo(orgId, `${name}/web`, at(0))).id;
  const hook = { id: `wh_${name}`, url: "https://hooks.example.com/x", events: ["run.started" as const] };
  await storage.createWebhook(orgId, { ...hook, created_at: at(0).toISOString() }, "s3cret");
  for (let i = 0; i < runs; i++) await storage.createRun(orgId, runningRun(`run_${name}_${i}`, repoId), []);
  return { orgId, webhookId: hook.id };
}

const attempt = (n: number, status: number | null, error: string | null = null) => ({
  attempt: n,
  started_at: at(n).toISOString(),
  status_code: status,
  error,
  duration_ms: 12,
});

describe.each(testDatabases())("webhook deliveries on $name", (database) => {
  afterAll(() => database.dispose());

  it("leases a due delivery to one owner until the lease ends, with its webhook's url and secret", async () => {
    const storage = await database.open();
    await seed(storage, "acme", 1);
    const [first] = await storage.claimDeliveries("a", at(1), LEASE, 10);
    expect(first).toMatchObject({
      id: expect.stringMatching(/^whd_/),
      url: "https://hooks.example.com/x",
      secret: "s3cret",
      event: "run.started",
      attempt: 1,
    });
    expect(JSON.parse(first!.payload)).toMatchObject({ id: first!.id, event: "run.started" });
    expect(await storage.claimDeliveries("b", at(2), LEASE, 10)).toEqual([]);
    const expired = await storage.claimDeliveries("b", new Date(at(1).getTime() + LEASE), LEASE, 10);
    expect(expired.map((d) => d.id)).toEqual([first!.id]);
  });

  it("never gives one row to two replicas claiming at the same time", async () => {
    const [left, right] = await database.openPair();
    await seed(left, "acme", 40);
    const claimAll = async (storage: Storage, owner: string) => {
      const ids: string[] = [];
      for (;;) {
        const batch = await storage.claimDeliveries(owner, at(1), LEASE, 3);
        if (batch.length === 0) return ids;
        ids.push(...batch.map((d) => d.id));
      }
    };
    const [a, b] = await Promise.all([claimAll(left, "a"), claimAll(right, "b")]);
    expect(a.length + b.length).toBe(40);
    expect(new Set([...a, ...b]).size).toBe(40);
  });

  it("records attempts, reschedules, delivers and gives up, keeping the log per delivery", async () => {
    const storage = await database.open();
    const { orgId, webhookId } = await seed(storage, "acme", 2);
    const [one, two] = await storage.claimDeliveries("a", at(1), LEASE, 10);
    await storage.finishDelivery("a", one!.id, attempt(1, 500), {
      kind: "retry",
      at: at(40),
      error: "HTTP 500",
    });
    await storage.finishDelivery("a", two!.id, attempt(1, null, "timeout"), {
      kind: "failed",
      at: at(2),
      error: "timeout",
    });
    expect(await storage.claimDeliveries("a", at(39), LEASE, 10)).toEqual([]);
    const [again] = await storage.claimDeliveries("b", at(40), LEASE, 10);
    expect([again!.id, again!.attempt]).toEqual([one!.id, 2]);
    await storage.finishDelivery("b", one!.id, attempt(2, 204), { kind: "delivered", at: at(41) });

    const log = await storage.deliveryLog(orgId, webhookId, { page: 1, perPage: 10 });
    const byId = new Map(log!.deliveries.map((d) => [d.id, d]));
    expect(log!.total).toBe(2);
    expect(byId.get(one!.id)).toMatchObject({
      status: "delivered",
      attempts: 2,
      next_attempt_at: null,
      delivered_at: at(41).toISOString(),
      last_error: null,
      attempt_log: [attempt(1, 500), attempt(2, 204)],
    });
    expect(byId.get(two!.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      failed_at: at(2).toISOString(),
      last_error: "timeout",
      attempt_log: [attempt(1, null, "timeout")],
    });
    expect(await storage.claimDeliveries("c", at(3600), LEASE, 10)).toEqual([]);
  });

  it("lets only the lease holder reschedule, but records every attempt that happened", async () => {
    const storage = await database.open();
    const { orgId, webhookId } = await seed(storage, "acme", 1);
    const [stale] = await storage.claimDeliveries("a", at(1), LEASE, 10);
    await storage.claimDeliveries("b", new Date(at(1).getTime() + LEASE), LEASE, 10);
    await storage.finishDelivery("a", stale!.id, attempt(1, 503), {
      kind: "retry",
      at: at(50),
      error: "HTTP 503",
    });
    const [row] = (await storage.deliveryLog(orgId, webhookId, { page: 1, perPage: 10 }))!.deliveries;
    // Both claims count as sends: b's is under way, whatever a records afterwards.
    expect(row).toMatchObject({ status: "pending", attempts: 2, next_attempt_at: at(0).toISOString() });
    expect(row!.attempt_log).toEqual([attempt(1, 503)]);
  });

  it("releases an owner's leases so another replica can deliver at once", async () => {
    const storage = await database.open();
    await seed(storage, "acme", 3);
    expect(await storage.claimDeliveries("a", at(1), LEASE, 2)).toHaveLength(2);
    expect(await storage.releaseDeliveries("a")).toBe(2);
    expect(await storage.releaseDeliveries("a")).toBe(0);
    expect(await storage.claimDeliveries("b", at(1), LEASE, 10)).toHaveLength(3);
  });

  it("pages the log newest first, filters by status and hides other organizations' webhooks", async () => {
    const storage = await database.open();
    const { orgId, webhookId } = await seed(storage, "acme", 3);
    const other = await seed(storage, "globex", 0);
    const [claimed] = await storage.claimDeliveries("a", at(1), LEASE, 1);
    await storage.finishDelivery("a", claimed!.id, attempt(1, 200), { kind: "delivered", at: at(2) });
    const first = await storage.deliveryLog(orgId, webhookId, { page: 1, perPage: 2 });
    const second = await storage.deliveryLog(orgId, webhookId, { page: 2, perPage: 2 });
    expect([first!.total, first!.deliveries.length, second!.deliveries.length]).toEqual([3, 2, 1]);
    const ids = [...first!.deliveries, ...second!.deliveries].map((d) => d.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const delivered = await storage.deliveryLog(orgId, webhookId, {
      page: 1,
      perPage: 10,
      status: "delivered",
    });
    expect(delivered!.deliveries.map((d) => d.id)).toEqual([claimed!.id]);
    const pending = await storage.deliveryLog(orgId, webhookId, { page: 1, perPage: 10, status: "pending" });
    expect(pending!.total).toBe(2);
    expect(await storage.deliveryLog(other.orgId, webhookId, { page: 1, perPage: 10 })).toBeUndefined();
    expect(await storage.deliveryLog(orgId, other.webhookId, { page: 1, perPage: 10 })).toBeUndefined();
  });
});

describe.each(testDatabases())("rate limit windows on $name", (database) => {
  afterAll(() => database.dispose());

  it("counts only the hits that fit, atomically across every storage on the database", async () => {
    const [left, right] = await database.openPair();
    const minute = at(0);
    const before = new Date(minute.getTime() - 60_000);
    const next = new Date(minute.getTime() + 60_000);
    const upToSix = ({ current }: { current: number }) => current < 6;
    const hits = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? left : right).hitSlidingWindow("org_a", minute, before, upToSix),
      ),
    );
    expect(hits.filter((hit) => hit.allowed)).toHaveLength(6);
    // The refused hits took themselves back.
    expect(await left.hitSlidingWindow("org_a", minute, before, () => false)).toEqual({
      allowed: false,
      current: 6,
      previous: 0,
    });
    expect(await left.hitSlidingWindow("org_b", minute, before, upToSix)).toEqual({
      allowed: true,
      current: 0,
      previous: 0,
    });
    expect(await right.hitSlidingWindow("org_a", next, minute, upToSix)).toEqual({
      allowed: true,
      current: 0,
      previous: 6,
    });
  });
});
