import type { RateDecision, RateLimiter } from "./rate-limiter.js";

export interface CircuitOptions {
  /** After a failure, how long to count locally before trying the shared store again. */
  openMs: number;
  /** Monotonic milliseconds; the breaker runs on real time whatever clock requests carry. */
  monotonic?: () => number;
}

/**
 * The shared limiter behind a circuit breaker, or this process's own count while the shared one
 * is unreachable. Limits protect the service; an outage of Redis should loosen them to per-replica
 * counting for a while, not turn away every request, and a frozen Redis must cost one timeout per
 * `openMs`, not one per request.
 */
export class FallbackRateLimiter implements RateLimiter {
  private openUntil = Number.NEGATIVE_INFINITY;
  private readonly monotonic: () => number;

  constructor(
    private readonly shared: RateLimiter,
    private readonly local: RateLimiter,
    private readonly onError: (error: unknown) => void,
    private readonly circuit: CircuitOptions = { openMs: 5_000 },
  ) {
    this.monotonic = circuit.monotonic ?? (() => performance.now());
  }

  async hit(key: string, now: Date): Promise<RateDecision> {
    if (this.monotonic() < this.openUntil) return this.local.hit(key, now);
    try {
      return await this.shared.hit(key, now);
    } catch (error) {
      this.openUntil = this.monotonic() + this.circuit.openMs;
      this.onError(error);
      return this.local.hit(key, now);
    }
  }
}
