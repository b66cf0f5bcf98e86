import swagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";

/** The OpenAPI document is generated from the same route schemas that validate and serialise. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "SuperPlane selection service",
        version,
        description:
          'Errors are always {"error": {"code", "message", "request_id"}}. Every response carries ' +
          "X-Request-Id; authenticated ones carry X-RateLimit-Limit/Remaining/Reset.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          operator: {
            type: "http",
            scheme: "bearer",
            description: "the operator key, SUPERPLANE_ADMIN_KEY; accepted by POST /v1/orgs alone",
          },
        },
      },
    },
  });
}
