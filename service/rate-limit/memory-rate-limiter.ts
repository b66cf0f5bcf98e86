import type { RateDecision, RateLimiter } from "./rate-limiter.js";

/**
 * Fixed one-minute windows in this process: right for a single SQLite node, where it is the
 * only replica. Old windows are swept as new ones start, so memory stays bounded by active keys.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private sweptAt = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  async hit(key: string, now: Date): Promise<RateDecision> {
    const time = now.getTime();
    const start = time - (time % this.windowMs);
    this.sweep(start);
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return {
      allowed: window.count <= this.limit,
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.count),
      resetAt: start + this.windowMs,
    };
  }

  private sweep(start: number): void {
    if (start === this.sweptAt) return;
    this.sweptAt = start;
    for (const [key, window] of this.windows) if (window.start < start) this.windows.delete(key);
  }
}
