import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/support/databases.js";
import { TEST_REDIS_URL } from "../../test/support/redis-url.js";
import { DatabaseRateLimiter } from "./database-rate-limiter.js";
import { FallbackRateLimiter } from "./fallback-rate-limiter.js";
import { MemoryRateLimiter } from "./memory-rate-limiter.js";
import { openRateLimiter } from "./open-rate-limiter.js";
import type { RateLimiter } from "./rate-limiter.js";
import { RedisRateLimiter } from "./redis-rate-limiter.js";

/** A window that has not ended yet, so Redis keeps its keys for the test. */
const windowStart = Math.ceil(Date.now() / 60_000) * 60_000;
const inWindow = (seconds: number, window = 0) => new Date(windowStart + window * 60_000 + seconds * 1000);

/** Four hits alternating between two limiters that should share one budget of 3. */
async function alternate(left: RateLimiter, right: RateLimiter, key: string) {
  const decisions = [];
  for (let i = 0; i < 4; i++) decisions.push(await (i % 2 ? right : left).hit(key, inWindow(i)));
  return decisions;
}

const SHARED = [
  { allowed: true, limit: 3, remaining: 2, resetAt: windowStart + 60_000 },
  { allowed: true, limit: 3, remaining: 1, resetAt: windowStart + 60_000 },
  { allowed: true, limit: 3, remaining: 0, resetAt: windowStart + 60_000 },
  // Possible again 20 s into the next window, when a third of this one's 3 hits have slid out.
  { allowed: false, limit: 3, remaining: 0, resetAt: windowStart + 60_000, retryAfterMs: 77_000 },
];

describe("the Redis rate limiter", () => {
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(TEST_REDIS_URL);
    clients.push(redis);
    return redis;
  };
  afterAll(() => Promise.all(clients.map((redis) => redis.quit())));

  it("shares one budget per key between replicas and starts afresh each window", async () => {
    const prefix = `superplane:test:${randomBytes(6).toString("hex")}:`;
    const left = new RedisRateLimiter(client(), 3, { prefix });
    const right = new RedisRateLimiter(client(), 3, { prefix });
    expect(await alternate(left, right, "org_a")).toEqual(SHARED);
    expect((await right.hit("org_b", inWindow(5))).remaining).toBe(2);
    // Two windows on, nothing of the first one weighs.
    expect((await left.hit("org_a", inWindow(0, 2))).remaining).toBe(2);
    // The key lives one window past its own end, as the next one's previous, then Redis drops it.
    expect(await client().call("PEXPIRETIME", `${prefix}org_a:${windowStart}`)).toBe(windowStart + 120_000);
  });

  it("falls back to counting in the process while Redis cannot be reached", async () => {
    const down = new Redis("redis://127.0.0.1:1", { lazyConnect: true, enableOfflineQueue: false });
    const errors: unknown[] = [];
    const limiter = new FallbackRateLimiter(
      new RedisRateLimiter(down, 3),
      new MemoryRateLimiter(3),
      (error) => errors.push(error),
    );
    expect(await alternate(limiter, limiter, "org_a")).toEqual(SHARED);
    // The first failure opens the circuit: the other hits do not try Redis.
    expect(errors).toHaveLength(1);
    down.disconnect();
  });
});

describe.each(testDatabases())("the database rate limiter on $name", (database) => {
  afterAll(() => database.dispose());

  it("shares one budget per key between replicas on one database", async () => {
    const [one, two] = await database.openPair();
    expect(
      await alternate(new DatabaseRateLimiter(one, 3), new DatabaseRateLimiter(two, 3), "org_a"),
    ).toEqual(SHARED);
  });
});

describe("choosing where counts live", () => {
  const databases = testDatabases();
  afterAll(() => Promise.all(databases.map((d) => d.dispose())));
  const warn = () => {};

  it("uses Redis when given, else PostgreSQL, else this process", async () => {
    const [sqlite, postgres] = await Promise.all(databases.map((d) => d.open()));
    const redis = await openRateLimiter({ limit: 5, redisUrl: TEST_REDIS_URL, storage: sqlite!, warn });
    const shared = await openRateLimiter({ limit: 5, storage: postgres!, warn });
    const local = await openRateLimiter({ limit: 5, storage: sqlite!, warn });
    expect([redis.store, shared.store, local.store]).toEqual(["redis", "database", "memory"]);
    expect((await redis.limiter.hit(`org_${randomBytes(6).toString("hex")}`, new Date())).remaining).toBe(4);
    await Promise.all([redis.close(), shared.close(), local.close()]);
  });

  it("refuses to start when the Redis it was given does not answer", async () => {
    const [sqlite] = await Promise.all(databases.slice(0, 1).map((d) => d.open()));
    await expect(
      openRateLimiter({ limit: 5, redisUrl: "redis://:pw@127.0.0.1:1", storage: sqlite!, warn }),
    ).rejects.toThrow(/^cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1: .*ECONNREFUSED/);
  });
});
