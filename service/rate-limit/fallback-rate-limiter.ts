import type { RateDecision, RateLimiter } from "./rate-limiter.js";

/**
 * The shared limiter, or this process's own count while the shared one is unreachable. Limits
 * protect the service; an outage of Redis should loosen them to per-replica counting for a while,
 * not turn away every request.
 */
export class FallbackRateLimiter implements RateLimiter {
  constructor(
    private readonly shared: RateLimiter,
    private readonly local: RateLimiter,
    private readonly onError: (error: unknown) => void,
  ) {}

  async hit(key: string, now: Date): Promise<RateDecision> {
    try {
      return await this.shared.hit(key, now);
    } catch (error) {
      this.onError(error);
      return this.local.hit(key, now);
    }
  }
}
