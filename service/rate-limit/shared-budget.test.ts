import type { FastifyInstance } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/support/databases.js";
import { TEST_REDIS_URL } from "../../test/support/redis-url.js";
import { ManualClock } from "../../test/support/service-kit.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import type { Storage } from "../storage/storage.js";
import { type OpenedRateLimiter, openRateLimiter } from "./open-rate-limiter.js";

/** Inside a window that has not begun, so Redis keeps the window's key for the whole test. */
const clock = new ManualClock(new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 1_000));

const cases = [
  { counts: "Redis", engine: "sqlite", redisUrl: TEST_REDIS_URL },
  { counts: "PostgreSQL", engine: "postgres", redisUrl: undefined },
] as const;

describe.each(cases)("two app instances counting in $counts", ({ engine, redisUrl }) => {
  const database = testDatabases().find((d) => d.name === engine)!;
  const opened: OpenedRateLimiter[] = [];
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const limiter of opened) await limiter.close();
    await database.dispose();
  });

  async function replica(storage: Storage) {
    const limiter = await openRateLimiter({
      limit: 3,
      storage,
      warn: () => {},
      ...(redisUrl ? { redisUrl } : {}),
    });
    opened.push(limiter);
    const app = await buildApp({ storage, clock, rateLimiter: limiter.limiter });
    apps.push(app);
    return app;
  }

  it("share the organization's budget: the fourth request of the minute is refused by either", async () => {
    const [one, two] = await database.openPair();
    const org = await one.ensureOrganization("acme", clock.now());
    const minted = mintToken();
    await one.createToken(org.id, "read", minted.hash, clock.now());
    const replicas = [await replica(one), await replica(two)];
    const headers = { authorization: `Bearer ${minted.token}` };
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await replicas[i % 2]!.inject({ url: "/v1/repos", headers }));
    expect(answers.map((a) => [a.statusCode, a.headers["x-ratelimit-remaining"]])).toEqual([
      [200, "2"],
      [200, "1"],
      [200, "0"],
      [429, "0"],
    ]);
    // 59 s to the window's end, then 20 s for a third of its 3 requests to slide out.
    expect(answers[3]!.headers["retry-after"]).toBe("79");
    expect(answers[3]!.json().error.code).toBe("RATE_LIMITED");
  });
});
