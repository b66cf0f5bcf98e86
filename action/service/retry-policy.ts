/** When to try a service call again, and after how long. Pure: the clock is passed in. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first back-off; each next one doubles. */
  baseDelayMs: number;
  /** The longest wait the action accepts; a longer Retry-After gives up (the full suite runs). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 20_000 };

/** 429 and 5xx may pass on retry; network failures (no status) too. Other answers will not. */
export function isRetryable(status: number | undefined): boolean {
  return status === undefined || status === 429 || (status >= 500 && status !== 501);
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds from `now`. */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/**
 * The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed with `status`,
 * or undefined to stop: the answer is final, attempts are used up, or the server asks for a
 * longer wait than the policy allows.
 */
export function retryDelay(
  attempt: number,
  failure: { status?: number; retryAfter?: string },
  policy: RetryPolicy,
  now: Date,
): number | undefined {
  if (!isRetryable(failure.status) || attempt >= policy.attempts) return undefined;
  const asked = retryAfterMs(failure.retryAfter, now);
  if (asked !== undefined) return asked <= policy.maxDelayMs ? asked : undefined;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}
