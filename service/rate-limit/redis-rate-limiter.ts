import type { Redis } from "ioredis";
import { decisionOf, MINUTE_MS, type RateDecision, type RateLimiter, windowOf } from "./rate-limiter.js";

/**
 * Fixed windows in Redis, shared by every replica that talks to it: INCR counts the hit
 * atomically, and the key expires shortly after its window so Redis holds only live counters.
 */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly limit: number,
    private readonly options: { windowMs?: number; prefix?: string } = {},
  ) {}

  async hit(key: string, now: Date): Promise<RateDecision> {
    const windowMs = this.options.windowMs ?? MINUTE_MS;
    const { start, resetAt } = windowOf(now, windowMs);
    const redisKey = `${this.options.prefix ?? "superplane:ratelimit:"}${key}:${start}`;
    const replies = await this.redis
      .multi()
      .incr(redisKey)
      // Replica clocks differ by a little; a window's key outlives its end by as much again.
      .pexpireat(redisKey, resetAt + windowMs)
      .exec();
    const [error, count] = replies?.[0] ?? [new Error("redis transaction was discarded"), null];
    if (error) throw error;
    return decisionOf(Number(count), this.limit, resetAt);
  }
}
