export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends, epoch milliseconds. */
  resetAt: number;
  /** Refused only: how long until a request would be allowed. */
  retryAfterMs?: number;
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

/**
 * A sliding window approximated from two fixed ones (as Cloudflare counts): the last window's
 * hits weigh by how much of it still lies within the minute before `now`. A client cannot spend
 * one window's budget at its end and the next one's at its start; at most `limit` hits in any
 * minute, give or take the rounding of an even spread.
 */
export interface WindowCounts {
  /** Allowed hits in the previous fixed window. */
  previous: number;
  /** Allowed hits in the current one before this hit. */
  current: number;
}

/**
 * The two fixed windows a hit at `now` counts against, and the previous one's weight: what is left
 * of it inside the sliding window, 1 at the current one's start down to 0. Every store keys its
 * counters by these starts.
 */
export function slidingWindows(
  now: Date,
  windowMs: number,
): { start: number; previousStart: number; weight: number } {
  const { start } = windowOf(now, windowMs);
  return { start, previousStart: start - windowMs, weight: 1 - (now.getTime() - start) / windowMs };
}

/** Whether one more hit fits; every store decides with this, so all answer alike. */
export function fits(counts: WindowCounts, limit: number, weight: number): boolean {
  return counts.previous * weight + counts.current + 1 <= limit;
}

/** The decision for a hit over `counts` (before the hit), allowed or not. */
export function slidingDecision(
  counts: WindowCounts,
  limit: number,
  now: Date,
  windowMs: number,
): RateDecision {
  const { start, resetAt } = windowOf(now, windowMs);
  const elapsed = now.getTime() - start;
  const weight = 1 - elapsed / windowMs;
  const allowed = fits(counts, limit, weight);
  const used = counts.previous * weight + counts.current + (allowed ? 1 : 0);
  const decision: RateDecision = {
    allowed,
    limit,
    remaining: Math.max(0, Math.floor(limit - used)),
    resetAt,
  };
  if (allowed) return decision;
  return { ...decision, retryAfterMs: Math.ceil(waitMs(counts, limit, elapsed, windowMs)) };
}

/** Until the previous window's weight has fallen enough for one more hit. */
function waitMs(
  { previous, current }: WindowCounts,
  limit: number,
  elapsed: number,
  windowMs: number,
): number {
  if (current + 1 <= limit) {
    // Within this window: previous × (1 - t/W) + current + 1 <= limit.
    return Math.max(0, windowMs * (1 - (limit - current - 1) / previous) - elapsed);
  }
  // Only in the next window, where this one is the previous: current × (1 - t/W) + 1 <= limit.
  return windowMs - elapsed + windowMs * Math.max(0, 1 - (limit - 1) / current);
}
