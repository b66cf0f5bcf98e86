import {
  ConnectRepoRequest,
  CreatedToken,
  CreateTokenRequest,
  Organization,
  Repo,
  RepoList,
} from "../../contract/account.js";
import { errorResponses, IdParams } from "../../contract/common.js";
import { notFound } from "../api-error.js";
import { mintToken } from "../auth/api-token.js";
import { billingPeriodEnd, billingPeriodStart } from "../clock.js";
import { orgOf } from "../http/authenticate.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

function orgRoute(app: TypedApp, deps: RouteDeps): void {
  app.get(
    "/v1/org",
    {
      schema: {
        tags: ["organization"],
        summary: "Plan, seats, connected repositories and usage this billing period (calendar month, UTC)",
        security: BEARER,
        response: { 200: Organization, ...errorResponses() },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const now = deps.clock.now();
      const start = billingPeriodStart(now);
      const [org, repos, usage] = await Promise.all([
        deps.storage.getOrganization(orgId),
        deps.storage.listRepos(orgId),
        deps.storage.usage(orgId, start),
      ]);
      if (!org) throw notFound("organization", orgId);
      return {
        id: org.id,
        name: org.name,
        plan: org.plan,
        seats: org.seats,
        repos: repos.filter((r) => r.status === "connected").length,
        usage: {
          period_start: start.toISOString(),
          period_end: billingPeriodEnd(now).toISOString(),
          runs: usage.runs,
          selections: usage.selections,
          tests_skipped: usage.tests_skipped,
          minutes_saved: Math.round((usage.skipped_ms / MINUTE_MS) * 10) / 10,
          tests_skipped_unmeasured: usage.skipped_unmeasured,
        },
      };
    },
  );
}

function repoRoutes(app: TypedApp, deps: RouteDeps): void {
  app.get(
    "/v1/repos",
    {
      schema: {
        tags: ["organization"],
        summary: "Connected repositories",
        security: BEARER,
        response: { 200: RepoList, ...errorResponses() },
      },
    },
    async (request) => ({ repos: await deps.storage.listRepos(orgOf(request)) }),
  );
  app.post(
    "/v1/repos",
    {
      schema: {
        tags: ["organization"],
        summary: "Connect a repository by owner/name; connecting it again returns the same id",
        security: BEARER,
        body: ConnectRepoRequest,
        response: { 200: Repo, ...errorResponses(403) },
      },
    },
    async (request) => deps.storage.connectRepo(orgOf(request), request.body.name, deps.clock.now()),
  );
}

function tokenRoutes(app: TypedApp, deps: RouteDeps): void {
  app.post(
    "/v1/tokens",
    {
      schema: {
        tags: ["organization"],
        summary: "Mint a token for the caller's organization; the secret is shown only here",
        security: BEARER,
        body: CreateTokenRequest,
        response: { 201: CreatedToken, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      const { token, hash } = mintToken();
      const now = deps.clock.now();
      const days = request.body.expires_in_days;
      const expiresAt = days ? new Date(now.getTime() + days * DAY_MS) : undefined;
      const record = await deps.storage.createToken(orgOf(request), request.body.scope, hash, now, expiresAt);
      return reply.code(201).send({
        id: record.id,
        token,
        scope: record.scope,
        created_at: record.created_at,
        expires_at: record.expires_at,
      });
    },
  );
  app.delete(
    "/v1/tokens/:id",
    {
      schema: {
        tags: ["organization"],
        summary: "Revoke a token; requests with it answer 401 from then on",
        security: BEARER,
        params: IdParams,
        response: { 204: { type: "null", description: "revoked" }, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const found = await deps.storage.revokeToken(orgOf(request), request.params.id, deps.clock.now());
      if (!found) throw notFound("token", request.params.id);
      return reply.code(204).send();
    },
  );
}

export function accountRoutes(app: TypedApp, deps: RouteDeps): void {
  orgRoute(app, deps);
  repoRoutes(app, deps);
  tokenRoutes(app, deps);
}
