import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, isRetryable, retryAfterMs, retryDelay } from "./retry-policy.js";

const NOW = new Date("2025-03-10T12:00:00.000Z");

describe("retry policy", () => {
  it("retries network failures, 429 and 5xx, never other answers", () => {
    expect([undefined, 429, 500, 502, 503].map(isRetryable)).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 422, 501].map(isRetryable)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("reads Retry-After in seconds or as an HTTP date", () => {
    expect(retryAfterMs("3", NOW)).toBe(3000);
    expect(retryAfterMs("Mon, 10 Mar 2025 12:00:05 GMT", NOW)).toBe(5000);
    expect(retryAfterMs("Mon, 10 Mar 2025 11:00:00 GMT", NOW)).toBe(0);
    expect([retryAfterMs(undefined, NOW), retryAfterMs(" ", NOW), retryAfterMs("soon", NOW)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("backs off exponentially up to the attempt limit", () => {
    const delays = [1, 2, 3, 4].map((attempt) => retryDelay(attempt, { status: 503 }, DEFAULT_RETRY, NOW));
    expect(delays).toEqual([500, 1000, 2000, undefined]);
    expect(retryDelay(1, {}, DEFAULT_RETRY, NOW)).toBe(500);
    expect(retryDelay(1, { status: 400 }, DEFAULT_RETRY, NOW)).toBeUndefined();
    expect(retryDelay(9, { status: 503 }, { ...DEFAULT_RETRY, attempts: 20 }, NOW)).toBe(
      DEFAULT_RETRY.maxDelayMs,
    );
  });

  it("waits as long as Retry-After asks, and gives up when it asks for more than the policy allows", () => {
    expect(retryDelay(1, { status: 429, retryAfter: "7" }, DEFAULT_RETRY, NOW)).toBe(7000);
    expect(retryDelay(1, { status: 429, retryAfter: "120" }, DEFAULT_RETRY, NOW)).toBeUndefined();
  });
});
