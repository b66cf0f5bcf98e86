export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends, epoch milliseconds. */
  resetAt: number;
}

/**
 * Counts requests per key (an organization). Async so a shared store (Redis, the database) can
 * stand in for the in-process one when several replicas serve one organization.
 */
export interface RateLimiter {
  hit(key: string, now: Date): Promise<RateDecision>;
}

export const MINUTE_MS = 60_000;

/** The fixed window `now` falls in: every replica computes the same one from the clock alone. */
export function windowOf(now: Date, windowMs: number): { start: number; resetAt: number } {
  const time = now.getTime();
  const start = time - (time % windowMs);
  return { start, resetAt: start + windowMs };
}

/** The decision for the `count`-th hit of a window. */
export function decisionOf(count: number, limit: number, resetAt: number): RateDecision {
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetAt };
}
