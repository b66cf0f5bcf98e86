import type { Storage } from "../storage/storage.js";
import { decisionOf, MINUTE_MS, type RateDecision, type RateLimiter, windowOf } from "./rate-limiter.js";

/**
 * Fixed windows in the service's own database: for replicas on one PostgreSQL without Redis.
 * Each hit is one upsert, which is cheap beside the request it guards.
 */
export class DatabaseRateLimiter implements RateLimiter {
  constructor(
    private readonly storage: Storage,
    private readonly limit: number,
    private readonly windowMs = MINUTE_MS,
  ) {}

  async hit(key: string, now: Date): Promise<RateDecision> {
    const { start, resetAt } = windowOf(now, this.windowMs);
    const count = await this.storage.hitRateWindow(key, new Date(start));
    return decisionOf(count, this.limit, resetAt);
  }
}
