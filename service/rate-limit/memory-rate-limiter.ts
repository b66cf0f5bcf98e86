import { MINUTE_MS, type RateDecision, type RateLimiter, slidingDecision, windowOf } from "./rate-limiter.js";

interface Counts {
  start: number;
  current: number;
  previous: number;
}

/**
 * A sliding window in this process: right for a single SQLite node, where it is the only replica,
 * and for each replica's share while the shared store is away. Keys idle for two windows are swept
 * as new windows start, so memory stays bounded by active keys.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly counts = new Map<string, Counts>();
  private sweptAt = 0;

  /** `limit` may change between hits (a replica's share of the limit follows the replicas seen). */
  constructor(
    private readonly limit: number | (() => number),
    private readonly windowMs = MINUTE_MS,
  ) {}

  async hit(key: string, now: Date): Promise<RateDecision> {
    const { start } = windowOf(now, this.windowMs);
    this.sweep(start);
    const counts = this.rolled(this.counts.get(key), start);
    this.counts.set(key, counts);
    const limit = typeof this.limit === "number" ? this.limit : this.limit();
    const decision = slidingDecision(counts, limit, now, this.windowMs);
    if (decision.allowed) counts.current += 1;
    return decision;
  }

  private rolled(counts: Counts | undefined, start: number): Counts {
    if (counts?.start === start) return counts;
    const previous = counts?.start === start - this.windowMs ? counts.current : 0;
    return { start, current: 0, previous };
  }

  private sweep(start: number): void {
    if (start === this.sweptAt) return;
    this.sweptAt = start;
    for (const [key, counts] of this.counts)
      if (counts.start < start - this.windowMs) this.counts.delete(key);
  }
}
