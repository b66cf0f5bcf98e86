import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_REDIS_URL } from "../../test/support/redis-url.js";
import { startTcpProxy, type TcpProxy } from "../../test/support/tcp-proxy.js";
import { openStorage } from "../storage/kysely-storage.js";
import type { Storage } from "../storage/storage.js";
import { type OpenedRateLimiter, openRateLimiter } from "./open-rate-limiter.js";

/**
 * Redis frozen (a black-holed route) or gone: requests must not each wait for Redis to time out,
 * and the replicas' local counts together must stay within the organization's limit.
 */

const OPEN_MS = 300;
let proxy: TcpProxy;
let storage: Storage;
const opened: OpenedRateLimiter[] = [];
const warnings: string[] = [];

beforeAll(async () => {
  const target = new URL(TEST_REDIS_URL);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
  storage = await openStorage({ url: ":memory:" });
});

afterAll(async () => {
  for (const limiter of opened) await limiter.close();
  await proxy.close();
  await storage.close();
});

async function replica(prefix: string): Promise<OpenedRateLimiter> {
  const url = new URL(TEST_REDIS_URL);
  url.host = proxy.address;
  const limiter = await openRateLimiter({
    limit: 10,
    redisUrl: url.toString(),
    storage,
    warn: (message) => warnings.push(message),
    redisPrefix: prefix,
    circuitOpenMs: OPEN_MS,
  });
  opened.push(limiter);
  return limiter;
}

describe("rate limits while Redis is frozen", () => {
  it("skip Redis after one timeout, count each replica's share locally, and go back once it answers", async () => {
    const prefix = `superplane:test:${randomBytes(6).toString("hex")}:`;
    const [one, two] = [await replica(prefix), await replica(prefix)];
    const now = new Date();
    // Both replicas have been seen by Redis before the outage.
    expect((await one.limiter.hit("org_a", now)).remaining).toBe(9);
    expect((await two.limiter.hit("org_a", now)).remaining).toBe(8);
    expect((await one.limiter.hit("org_a", now)).remaining).toBe(7);

    proxy.setMode("black-hole");
    const started = performance.now();
    let allowed = 0;
    for (let i = 0; i < 20; i++) {
      for (const replica of [one, two]) if ((await replica.limiter.hit("org_b", now)).allowed) allowed++;
    }
    const ms = performance.now() - started;
    // One short command timeout per replica, not one per request (40 × 500 ms before).
    expect(ms).toBeLessThan(1_000);
    // Each replica allows its share of the limit (10 over 2 replicas), not the whole of it.
    expect(allowed).toBe(10);
    expect(warnings.some((w) => w.includes("counting per replica"))).toBe(true);

    proxy.setMode("forward");
    await new Promise((resolve) => setTimeout(resolve, OPEN_MS + 50));
    // Redis counts again: org_a's two hits from before the outage are still there.
    expect((await two.limiter.hit("org_a", now)).remaining).toBe(6);
  }, 20_000);

  it("count locally at once while Redis refuses connections, and in Redis again once it is back", async () => {
    const prefix = `superplane:test:${randomBytes(6).toString("hex")}:`;
    const limiter = await replica(prefix);
    const now = new Date();
    expect((await limiter.limiter.hit("org_c", now)).remaining).toBe(9);
    await proxy.stop();
    const started = performance.now();
    const during = [];
    for (let i = 0; i < 12; i++) during.push((await limiter.limiter.hit("org_d", now)).allowed);
    expect(performance.now() - started).toBeLessThan(1_000);
    // Alone in Redis's eyes, this replica allows the whole limit and no more.
    expect(during.filter(Boolean)).toHaveLength(10);
    await proxy.restart();
    // ioredis reconnects on its own; the circuit lets the next hit through after OPEN_MS.
    const deadline = Date.now() + 5_000;
    let remaining: number | undefined;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, OPEN_MS));
      remaining = (await limiter.limiter.hit("org_c", now)).remaining;
      if (remaining === 8) break;
    }
    expect(remaining).toBe(8);
  }, 20_000);
});
