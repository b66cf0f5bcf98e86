import type { FastifyInstance } from "fastify";
import { ApiError } from "../api-error.js";
import type { Clock } from "../clock.js";
import type { RateLimiter } from "../rate-limit/rate-limiter.js";

/** Counts every authenticated request against its organization; runs after authentication. */
export function registerRateLimit(app: FastifyInstance, limiter: RateLimiter, clock: Clock): void {
  app.addHook("onRequest", async (request, reply) => {
    if (!request.auth) return;
    const now = clock.now();
    const decision = await limiter.hit(request.auth.orgId, now);
    const resetSeconds = Math.ceil(decision.resetAt / 1000);
    reply.header("x-ratelimit-limit", decision.limit);
    reply.header("x-ratelimit-remaining", decision.remaining);
    reply.header("x-ratelimit-reset", resetSeconds);
    if (!decision.allowed) {
      const retryAfter = Math.max(1, Math.ceil((decision.retryAfterMs ?? 0) / 1000));
      throw new ApiError("RATE_LIMITED", `rate limit of ${decision.limit} requests a minute exceeded`, {
        headers: { "retry-after": String(retryAfter) },
      });
    }
  });
}
