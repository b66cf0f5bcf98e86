import type { Storage } from "../storage/storage.js";
import type { RateDecision, RateLimiter } from "./rate-limiter.js";
import { fits, MINUTE_MS, slidingDecision, slidingWindows } from "./rate-limiter.js";

/**
 * A sliding window in the service's own database: for replicas on one PostgreSQL without Redis,
 * and for them while Redis is away. Each hit is one short transaction beside the request it guards.
 */
export class DatabaseRateLimiter implements RateLimiter {
  constructor(
    private readonly storage: Storage,
    private readonly limit: number,
    private readonly windowMs = MINUTE_MS,
  ) {}

  async hit(key: string, now: Date): Promise<RateDecision> {
    const { start, previousStart, weight } = slidingWindows(now, this.windowMs);
    const counts = await this.storage.hitSlidingWindow(
      key,
      new Date(start),
      new Date(previousStart),
      (before) => fits(before, this.limit, weight),
    );
    return slidingDecision(counts, this.limit, now, this.windowMs);
  }
}
