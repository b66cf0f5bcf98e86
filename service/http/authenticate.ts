import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "../api-error.js";
import { hashToken, isTokenShaped } from "../auth/api-token.js";
import { isOperatorKey } from "../auth/operator-key.js";
import type { Clock } from "../clock.js";
import { sessionOf } from "../dashboard/session-cookie.js";
import type { Storage, TokenScope } from "../storage/storage.js";

export interface AuthContext {
  orgId: string;
  tokenId: string;
  scope: TokenScope;
}

/** `operator`: the operator key (SUPERPLANE_ADMIN_KEY) and nothing else, no organization token. */
export type Access = "public" | "read" | "write" | "operator";

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route; GET routes default to `read`, the rest to `write`. */
    access?: Access;
  }
}

/** A busy token would otherwise write its row on every request. */
const TOUCH_EVERY_MS = 60_000;

function accessOf(request: FastifyRequest): Access {
  const configured = request.routeOptions.config.access;
  if (configured) return configured;
  return request.method === "GET" || request.method === "HEAD" ? "read" : "write";
}

function bearerOf(request: FastifyRequest): string {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match)
    throw new ApiError("UNAUTHORIZED", "missing bearer token: send Authorization: Bearer spl_tok_…");
  return match[1]!;
}

/**
 * The dashboard's session cookie stands in for the bearer token on reads alone: a cookie goes with
 * every request the browser makes, so it must never authorise a change (no request forgery).
 */
function secretOf(request: FastifyRequest, access: Access): string {
  if (access === "read" && !request.headers.authorization) {
    const session = sessionOf(request);
    if (session) return session;
  }
  return bearerOf(request);
}

async function authenticate(
  storage: Storage,
  clock: Clock,
  request: FastifyRequest,
  access: Access,
): Promise<AuthContext> {
  return resolveToken(storage, clock, secretOf(request, access));
}

/** The organization and scope of a token secret, or UNAUTHORIZED saying why not. */
export async function resolveToken(storage: Storage, clock: Clock, secret: string): Promise<AuthContext> {
  const token = isTokenShaped(secret) ? await storage.findToken(hashToken(secret)) : undefined;
  if (!token) throw new ApiError("UNAUTHORIZED", "unknown token");
  if (token.revoked_at) throw new ApiError("UNAUTHORIZED", "token revoked");
  const now = clock.now();
  if (token.expires_at && now.getTime() >= Date.parse(token.expires_at)) {
    throw new ApiError("UNAUTHORIZED", `token expired at ${token.expires_at}`);
  }
  const last = token.last_used_at ? Date.parse(token.last_used_at) : 0;
  if (now.getTime() - last >= TOUCH_EVERY_MS) await storage.touchToken(token.id, now);
  return { orgId: token.org_id, tokenId: token.id, scope: token.scope };
}

function checkOperator(adminKey: string | undefined, request: FastifyRequest): void {
  const secret = bearerOf(request);
  if (!adminKey || !isOperatorKey(adminKey, secret)) {
    throw new ApiError("UNAUTHORIZED", "this endpoint takes only the operator key (SUPERPLANE_ADMIN_KEY)");
  }
}

/**
 * Resolves the bearer token to its organization before the body is even read. The operator key is
 * not an organization's token, so every route but the operator's answers it 401 like any unknown one.
 */
export function registerAuthentication(
  app: FastifyInstance,
  storage: Storage,
  clock: Clock,
  adminKey?: string,
): void {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (request) => {
    const access = accessOf(request);
    if (access === "public" || request.is404) return;
    if (access === "operator") return checkOperator(adminKey, request);
    const auth = await authenticate(storage, clock, request, access);
    if (access === "write" && auth.scope !== "read+write") {
      throw new ApiError("SCOPE_DENIED", `this endpoint needs a read+write token; this one is ${auth.scope}`);
    }
    request.auth = auth;
  });
}

/** The caller's organization; routes only run after authentication set it. */
export function orgOf(request: FastifyRequest): string {
  if (!request.auth) throw new Error("route reached without authentication");
  return request.auth.orgId;
}
