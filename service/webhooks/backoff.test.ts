import { describe, expect, it } from "vitest";
import { nextAttemptAt, RETRY_WINDOW_MS, retryDelay } from "./backoff.js";

const created = new Date("2025-03-10T12:00:00.000Z");
const sinceCreated = (ms: number) => new Date(created.getTime() + ms);

describe("webhook retry backoff", () => {
  it("doubles from 10 s to an hour, jittering the upper half", () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 0))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 0.999999))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelay(30, 0.5)).toBe(2_700_000);
    expect(retryDelay(1_000, 0.5)).toBe(2_700_000);
  });

  it("schedules from now, clamps the last retry to 24 h after creation, then gives up", () => {
    expect(nextAttemptAt(created, 1, sinceCreated(1_000), 0)).toEqual(sinceCreated(6_000));
    const late = RETRY_WINDOW_MS - 60_000;
    expect(nextAttemptAt(created, 20, sinceCreated(late), 0.5)).toEqual(sinceCreated(RETRY_WINDOW_MS));
    expect(nextAttemptAt(created, 21, sinceCreated(RETRY_WINDOW_MS), 0.5)).toBeUndefined();
  });

  it("makes 41 attempts over the day at median jitter, the last exactly at the 24-hour mark", () => {
    let now = created;
    let failed = 0;
    let last = created;
    for (;;) {
      failed += 1;
      const next = nextAttemptAt(created, failed, now, 0.5);
      if (!next) break;
      last = now = next;
    }
    expect([failed, last]).toEqual([41, sinceCreated(RETRY_WINDOW_MS)]);
  });
});
