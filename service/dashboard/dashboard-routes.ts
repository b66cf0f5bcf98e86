import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../api-error.js";
import { resolveToken } from "../http/authenticate.js";
import type { RouteDeps, TypedApp } from "../http/typed-app.js";
import { secureHeaders } from "./security-headers.js";
import { clearedSessionCookie, sessionCookie } from "./session-cookie.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** The built files, read once: a few hundred kilobytes, served from memory. */
function loadAssets(dir: string | undefined): Map<string, Buffer> {
  const assets = new Map<string, Buffer>();
  if (!dir || !existsSync(join(dir, "index.html"))) return assets;
  for (const name of readdirSync(dir)) {
    if (TYPES[extname(name)]) assets.set(name, readFileSync(join(dir, name)));
  }
  return assets;
}

/**
 * A sign-in from another site's page (login request forgery) is refused: browsers name the page's
 * origin on every POST, and it must be this service.
 */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = "";
  }
  if (host !== request.headers.host) {
    throw new ApiError("SCOPE_DENIED", `sign-in from another origin (${origin}) is refused`);
  }
}

const secure = (request: FastifyRequest) => request.protocol === "https";

function serve(reply: FastifyReply, name: string, body: Buffer) {
  return secureHeaders(reply)
    .header("content-type", TYPES[extname(name)]!)
    .header("cache-control", "no-cache")
    .send(body);
}

const HIDDEN = { hide: true };

/**
 * The dashboard: `/` is a static page, `/dashboard/*` its script and styles (built by
 * scripts/bundle-dashboard.ts), and the page reads the JSON API. Signing in trades a token for an
 * HttpOnly session cookie that authorises GET requests only.
 */
export function dashboardRoutes(app: TypedApp, deps: RouteDeps, dir: string | undefined): void {
  const assets = loadAssets(dir);
  const page = (_request: FastifyRequest, reply: FastifyReply) => {
    const index = assets.get("index.html");
    if (!index) {
      return secureHeaders(reply)
        .code(503)
        .header("content-type", "text/plain; charset=utf-8")
        .send(`the dashboard is not built (looked in ${dir ?? "no folder"}): run npm run build\n`);
    }
    return serve(reply, "index.html", index);
  };
  app.get("/", { schema: HIDDEN, config: { access: "public" } }, page);
  // Run answers link here (`dashboard_url`); the page turns the path into its own #/runs/{id}.
  app.get(
    "/runs/:id",
    {
      schema: { ...HIDDEN, params: Type.Object({ id: Type.String({ maxLength: 64 }) }) },
      config: { access: "public" },
    },
    page,
  );
  // Browsers ask for it on every page; an empty answer keeps their console clean.
  app.get("/favicon.ico", { schema: HIDDEN, config: { access: "public" } }, async (_request, reply) =>
    secureHeaders(reply).code(204).send(),
  );
  app.get(
    "/dashboard/:file",
    {
      schema: { ...HIDDEN, params: Type.Object({ file: Type.String({ maxLength: 64 }) }) },
      config: { access: "public" },
    },
    async (request, reply) => {
      const name = request.params.file;
      const body = name === "index.html" ? undefined : assets.get(name);
      if (!body) throw new ApiError("NOT_FOUND", `no dashboard file ${name}`);
      return serve(reply, name, body);
    },
  );
  app.post(
    "/dashboard/session",
    {
      schema: { ...HIDDEN, body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 256 }) }) },
      config: { access: "public" },
    },
    async (request, reply) => {
      assertSameOrigin(request);
      const auth = await resolveToken(deps.storage, deps.clock, request.body.token);
      const org = await deps.storage.getOrganization(auth.orgId);
      return secureHeaders(reply)
        .header("set-cookie", sessionCookie(request.body.token, secure(request)))
        .header("cache-control", "no-store")
        .send({ org: org?.name ?? auth.orgId, scope: auth.scope });
    },
  );
  app.get("/dashboard/session", { schema: HIDDEN, config: { access: "read" } }, async (request, reply) => {
    const auth = request.auth!;
    const org = await deps.storage.getOrganization(auth.orgId);
    return secureHeaders(reply)
      .header("cache-control", "no-store")
      .send({ org: org?.name ?? auth.orgId, scope: auth.scope });
  });
  app.post(
    "/dashboard/session/end",
    { schema: HIDDEN, config: { access: "public" } },
    async (request, reply) =>
      secureHeaders(reply)
        .header("set-cookie", clearedSessionCookie(secure(request)))
        .code(204)
        .send(),
  );
}
