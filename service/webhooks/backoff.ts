/** Retries stop this long after the event was queued (DESIGN: "for 24 hours"). */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const FIRST_DELAY_MS = 10_000;
const MAX_DELAY_MS = 60 * 60 * 1000;

/**
 * The delay before attempt `failed + 1`: doubling from 10 s up to an hour, with "equal jitter"
 * (half fixed, half random) so receivers that come back up are not hit by every replica at once.
 * `random` is in [0, 1).
 */
export function retryDelay(failed: number, random: number): number {
  const exponential = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failed - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random);
}

/**
 * When to try again after `failed` attempts, or undefined when the retry window is over. The
 * last retry is moved up to the window's end rather than dropped, so every event gets a try at
 * the 24-hour mark.
 */
export function nextAttemptAt(createdAt: Date, failed: number, now: Date, random: number): Date | undefined {
  const deadline = createdAt.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= deadline) return undefined;
  return new Date(Math.min(deadline, now.getTime() + retryDelay(failed, random)));
}
