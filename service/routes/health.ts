import type {} from "@fastify/swagger";
import { Health, Ready } from "../../contract/account.js";
import { errorResponses } from "../../contract/common.js";
import { ApiError } from "../api-error.js";
import type { TypedApp } from "../http/typed-app.js";
import type { Storage } from "../storage/storage.js";

/**
 * Liveness says the process answers (restart it if not); readiness says it can serve (route to it
 * only if so): the database must answer within `readyTimeoutMs`.
 */
export function healthRoutes(app: TypedApp, storage: Storage, readyTimeoutMs: number): void {
  app.get(
    "/v1/health",
    {
      config: { access: "public" },
      schema: { tags: ["service"], summary: "Liveness; needs no token", response: { 200: Health } },
    },
    async () => ({ status: "ok" as const }),
  );
  app.get(
    "/v1/ready",
    {
      config: { access: "public" },
      schema: {
        tags: ["service"],
        summary: `Readiness: 200 when the database answers within ${readyTimeoutMs} ms, else 503; needs no token`,
        response: { 200: Ready, ...errorResponses(503) },
      },
    },
    async (request) => {
      try {
        await storage.ping(readyTimeoutMs);
      } catch (error) {
        // The cause stays in the log: an unauthenticated caller learns nothing about the network.
        request.log.warn({ err: error }, "readiness: database unavailable");
        throw new ApiError("UNAVAILABLE", "the database is unavailable");
      }
      return { status: "ready" as const };
    },
  );
  app.get("/v1/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
