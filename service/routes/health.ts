import type {} from "@fastify/swagger";
import type { TypedApp } from "../http/typed-app.js";
import { Health } from "../schemas/account.js";

export function healthRoutes(app: TypedApp): void {
  app.get(
    "/v1/health",
    {
      config: { access: "public" },
      schema: { tags: ["service"], summary: "Liveness; needs no token", response: { 200: Health } },
    },
    async () => ({ status: "ok" as const }),
  );
  app.get("/v1/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
