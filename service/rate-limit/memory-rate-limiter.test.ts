import { describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "./memory-rate-limiter.js";

const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds));

describe("MemoryRateLimiter", () => {
  it("allows the limit per key in any minute, the last window weighing by how much of it is left", async () => {
    const limiter = new MemoryRateLimiter(2);
    const reset = at(60).getTime();
    expect(await limiter.hit("a", at(1))).toEqual({ allowed: true, limit: 2, remaining: 1, resetAt: reset });
    expect(await limiter.hit("a", at(30))).toEqual({ allowed: true, limit: 2, remaining: 0, resetAt: reset });
    // Full: possible again 30 s into the next window, when half of this one's 2 hits have slid out.
    expect(await limiter.hit("a", at(59))).toEqual({
      allowed: false,
      limit: 2,
      remaining: 0,
      resetAt: reset,
      retryAfterMs: 31_000,
    });
    expect(await limiter.hit("b", at(59))).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.hit("a", at(60))).toMatchObject({ allowed: false, retryAfterMs: 30_000 });
    expect(await limiter.hit("a", at(90))).toMatchObject({ allowed: true, remaining: 0 });
    // Two windows later nothing of the first one weighs.
    expect(await limiter.hit("a", at(180))).toMatchObject({ allowed: true, remaining: 1 });
  });

  it("follows a limit that changes, as a replica's share does", async () => {
    let limit = 4;
    const limiter = new MemoryRateLimiter(() => limit);
    expect(await limiter.hit("a", at(1))).toMatchObject({ allowed: true, limit: 4, remaining: 3 });
    limit = 1;
    expect(await limiter.hit("a", at(2))).toMatchObject({ allowed: false, limit: 1 });
  });
});
