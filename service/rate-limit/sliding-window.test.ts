import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/support/databases.js";
import { TEST_REDIS_URL } from "../../test/support/redis-url.js";
import { DatabaseRateLimiter } from "./database-rate-limiter.js";
import { MemoryRateLimiter } from "./memory-rate-limiter.js";
import type { RateLimiter } from "./rate-limiter.js";
import { RedisRateLimiter } from "./redis-rate-limiter.js";

/** A window that has not begun, so Redis keeps its keys for the test. */
const windowStart = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
const at = (seconds: number) => new Date(windowStart + seconds * 1000);

async function allowedOf(limiter: RateLimiter, key: string, hits: number, seconds: number) {
  let allowed = 0;
  for (let i = 0; i < hits; i++) if ((await limiter.hit(key, at(seconds))).allowed) allowed++;
  return allowed;
}

const databases = testDatabases();
const redisClients: Redis[] = [];
afterAll(async () => {
  await Promise.all(redisClients.map((redis) => redis.quit()));
  await Promise.all(databases.map((database) => database.dispose()));
});

const limiters: { store: string; make(): Promise<[RateLimiter, RateLimiter]> }[] = [
  {
    store: "memory",
    make: async () => {
      const one = new MemoryRateLimiter(10);
      return [one, one];
    },
  },
  {
    store: "Redis",
    make: async () => {
      const prefix = `superplane:test:${randomBytes(6).toString("hex")}:`;
      const pair = [new Redis(TEST_REDIS_URL), new Redis(TEST_REDIS_URL)];
      redisClients.push(...pair);
      return [new RedisRateLimiter(pair[0]!, 10, { prefix }), new RedisRateLimiter(pair[1]!, 10, { prefix })];
    },
  },
  ...databases.map((database) => ({
    store: database.name,
    make: async (): Promise<[RateLimiter, RateLimiter]> => {
      const [one, two] = await database.openPair();
      return [new DatabaseRateLimiter(one, 10), new DatabaseRateLimiter(two, 10)];
    },
  })),
];

describe.each(limiters)("the sliding window in $store", ({ make }) => {
  it("lets no burst through across a window boundary, and refills as the last window slides out", async () => {
    const [left, right] = await make();
    // The whole budget just before the boundary, on one replica...
    expect(await allowedOf(left, "org_a", 10, 59)).toBe(10);
    // ...leaves nothing on the other just after it: a fixed window would allow 10 more.
    expect(await allowedOf(right, "org_a", 10, 61)).toBe(0);
    // Half way into the next window half the last one has slid out.
    expect(await allowedOf(left, "org_a", 10, 90)).toBe(5);
    // Refused hits do not count: two windows later the budget is whole.
    expect(await allowedOf(right, "org_a", 12, 180)).toBe(10);
  });

  it("says how long to wait and what remains", async () => {
    const [left] = await make();
    expect(await left.hit("org_b", at(30))).toMatchObject({ allowed: true, limit: 10, remaining: 9 });
    await allowedOf(left, "org_b", 9, 30);
    // Full at 0:30: the next hit is possible when the window ends (10 in it, 9 allowed after 6 s).
    const refused = await left.hit("org_b", at(30));
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 36_000 });
  });
});
