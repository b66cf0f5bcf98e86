import { describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "./memory-rate-limiter.js";

const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds));

describe("MemoryRateLimiter", () => {
  it("allows the limit per key per minute window and starts afresh in the next window", async () => {
    const limiter = new MemoryRateLimiter(2);
    const reset = at(60).getTime();
    expect(await limiter.hit("a", at(1))).toEqual({ allowed: true, limit: 2, remaining: 1, resetAt: reset });
    expect(await limiter.hit("a", at(30))).toEqual({ allowed: true, limit: 2, remaining: 0, resetAt: reset });
    expect(await limiter.hit("a", at(59))).toEqual({
      allowed: false,
      limit: 2,
      remaining: 0,
      resetAt: reset,
    });
    expect(await limiter.hit("b", at(59))).toEqual({ allowed: true, limit: 2, remaining: 1, resetAt: reset });
    expect(await limiter.hit("a", at(60))).toEqual({
      allowed: true,
      limit: 2,
      remaining: 1,
      resetAt: at(120).getTime(),
    });
  });
});
