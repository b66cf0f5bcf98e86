import { CreatedOrg, CreateOrgRequest } from "../../contract/account.js";
import { errorResponses } from "../../contract/common.js";
import { ApiError } from "../api-error.js";
import { mintToken } from "../auth/api-token.js";
import type { RouteDeps, TypedApp } from "../http/typed-app.js";

const DAY_MS = 86_400_000;

export const OPERATOR = [{ operator: [] }];

/**
 * The operator key's one power: a new organization with its first token, for operators who cannot
 * run `superplane token create` on the server. It cannot reach an existing organization (409), so
 * a leaked key gives no access to anyone's data.
 */
export function operatorRoutes(app: TypedApp, deps: RouteDeps): void {
  app.post(
    "/v1/orgs",
    {
      config: { access: "operator" },
      schema: {
        tags: ["operator"],
        summary:
          "Create an organization and its first token; only with the operator key (SUPERPLANE_ADMIN_KEY)",
        security: OPERATOR,
        body: CreateOrgRequest,
        response: { 201: CreatedOrg, ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      const { name, token_scope: scope = "read+write", expires_in_days: days } = request.body;
      const now = deps.clock.now();
      const { token, hash } = mintToken();
      const expiresAt = days ? new Date(now.getTime() + days * DAY_MS) : undefined;
      const created = await deps.storage.createOrganizationWithToken(
        name,
        { scope, hash, ...(expiresAt ? { expiresAt } : {}) },
        now,
      );
      if (!created) throw new ApiError("CONFLICT", `organization ${JSON.stringify(name)} already exists`);
      const { org, token: record } = created;
      return reply.code(201).send({
        id: org.id,
        name: org.name,
        created_at: org.created_at,
        token: {
          id: record.id,
          token,
          scope: record.scope,
          created_at: record.created_at,
          expires_at: record.expires_at,
        },
      });
    },
  );
}
