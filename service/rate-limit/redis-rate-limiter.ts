import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { RateDecision, RateLimiter } from "./rate-limiter.js";
import { MINUTE_MS, slidingDecision, slidingWindows } from "./rate-limiter.js";

/**
 * One round trip: read this window's and the last window's counts, count the hit only when it fits
 * (the same rule as `fits`), and note this replica as seen, returning how many were seen within
 * the last two windows. Lua runs atomically, so concurrent hits from every replica add up exactly.
 */
const SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local limit = tonumber(ARGV[1])
local allowed = 0
if previous * tonumber(ARGV[2]) + current + 1 <= limit then
  redis.call('INCR', KEYS[1])
  redis.call('PEXPIREAT', KEYS[1], ARGV[3])
  allowed = 1
end
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[6])
redis.call('PEXPIREAT', KEYS[3], ARGV[3])
return {allowed, current, previous, redis.call('ZCARD', KEYS[3])}
`;

/**
 * A sliding window in Redis, shared by every replica that talks to it. Each window's counter
 * expires once the next window no longer needs it, so Redis holds only live counters.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly replicaId = randomBytes(8).toString("hex");
  private seen = 1;

  constructor(
    private readonly redis: Redis,
    private readonly limit: number,
    private readonly options: { windowMs?: number; prefix?: string } = {},
  ) {}

  /** Replicas that counted here within the last two windows, this one included. */
  replicasSeen(): number {
    return this.seen;
  }

  async hit(key: string, now: Date): Promise<RateDecision> {
    const windowMs = this.options.windowMs ?? MINUTE_MS;
    const prefix = this.options.prefix ?? "superplane:ratelimit:";
    const { start, previousStart, weight } = slidingWindows(now, windowMs);
    const reply = (await this.redis.eval(
      SCRIPT,
      3,
      `${prefix}${key}:${start}`,
      `${prefix}${key}:${previousStart}`,
      `${prefix}replicas`,
      this.limit,
      weight,
      // Replica clocks differ by a little; the counter outlives the next window by as much again.
      start + 2 * windowMs,
      now.getTime(),
      this.replicaId,
      now.getTime() - 2 * windowMs,
    )) as [number, number, number, number];
    const [, current, previous, replicas] = reply.map(Number) as [number, number, number, number];
    this.seen = Math.max(1, replicas);
    return slidingDecision({ current, previous }, this.limit, now, windowMs);
  }
}
