import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from "fastify";
import type { SecretBox } from "./auth/secret-box.js";
import { type Clock, systemClock } from "./clock.js";
import { defaultDashboardDir } from "./dashboard/assets-dir.js";
import { dashboardRoutes } from "./dashboard/dashboard-routes.js";
import { registerAuthentication } from "./http/authenticate.js";
import { type BodyParsing, type BodyParsingOptions, createBodyParsing } from "./http/body-parsing.js";
import { registerContentEncoding } from "./http/content-encoding.js";
import { registerErrorHandling } from "./http/error-handler.js";
import { registerIdempotency } from "./http/idempotency.js";
import { registerJsonBody } from "./http/json-body.js";
import { registerOpenApi } from "./http/openapi.js";
import { registerRateLimit } from "./http/rate-limit-hook.js";
import { requestIdOf } from "./http/request-id.js";
import { validatorCompiler } from "./http/validator-compiler.js";
import { registerXmlBody } from "./http/xml-body.js";
import { MemoryRateLimiter } from "./rate-limit/memory-rate-limiter.js";
import type { RateLimiter } from "./rate-limit/rate-limiter.js";
import { accountRoutes } from "./routes/account.js";
import { coverageRoutes } from "./routes/coverage.js";
import { durationRoutes } from "./routes/durations.js";
import { flakyRoutes } from "./routes/flaky.js";
import { healthRoutes } from "./routes/health.js";
import { insightRoutes } from "./routes/insights.js";
import { metricsRoutes } from "./routes/metrics.js";
import { modelRoutes } from "./routes/models.js";
import { operatorRoutes } from "./routes/operator.js";
import { repoDispatchRoutes } from "./routes/repo-dispatch.js";
import { resultRoutes } from "./routes/results.js";
import { runRoutes } from "./routes/runs.js";
import { selectionRoutes } from "./routes/selection.js";
import { webhookRoutes } from "./routes/webhooks.js";
import type { Storage } from "./storage/storage.js";
import { type ResolveHost, resolveWithDns } from "./webhooks/webhook-target.js";

export interface AppOptions {
  storage: Storage;
  clock?: Clock;
  /** pino options (or true for defaults); off when absent, as tests want. */
  logger?: FastifyServerOptions["logger"];
  /** Requests a minute per organization (DESIGN: 1,000). */
  rateLimit?: number;
  rateLimiter?: RateLimiter;
  /** Largest request body in bytes; 5,000 tests with features fit well within the default. */
  bodyLimit?: number;
  /** Operators on a private network may send webhooks to it; refused by default (SSRF). */
  allowPrivateWebhooks?: boolean;
  resolveHost?: ResolveHost;
  version?: string;
  /** Fastify's `trustProxy`; off by default, so a client cannot claim another address. */
  trustProxy?: boolean | string;
  /** The operator key: enables `POST /v1/orgs` for it alone. Absent: the route does not exist. */
  adminKey?: string;
  /** How long `/v1/ready` waits for the database before answering 503. */
  readyTimeoutMs?: number;
  /** A `running` run that hears nothing for this long turns `incomplete`; 6 hours by default. */
  runTimeoutMs?: number;
  /**
   * A `queued` run that no action run adopts for this long turns `incomplete`; 24 hours by default,
   * as long as a dispatch is retried (webhooks/backoff.ts) and GitHub keeps a job queued.
   */
  queuedTimeoutMs?: number;
  /** The built dashboard (index.html, app.js, app.css); build/dashboard/ of the package by default. */
  dashboardDir?: string;
  /** Where people reach the service (SUPERPLANE_PUBLIC_URL): run answers link to `/runs/{id}` under it. */
  publicUrl?: string;
  /** Where large bodies are parsed: worker threads by default (http/body-parsing.ts). */
  bodyParsing?: BodyParsingOptions;
  /** Body parsing made by the caller, who closes it (tests read its counts); else made from `bodyParsing`. */
  bodies?: BodyParsing;
  /** Seals repositories' GitHub tokens (SUPERPLANE_SECRET_KEY); absent: none can be stored. */
  secrets?: SecretBox;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

/** Within a load balancer's usual probe timeout (2 s and up), so it sees our 503, not its own. */
export const DEFAULT_READY_TIMEOUT_MS = 1000;

/** GitHub's own limit on a job (`timeout-minutes` defaults to 360): no job reports later than that. */
export const DEFAULT_RUN_TIMEOUT_MS = 6 * 60 * 60 * 1000;
export const DEFAULT_QUEUED_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** The whole HTTP API, not listening: tests inject requests, `server.ts` binds a port. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    genReqId: requestIdOf,
    logController: new LogController({ requestIdLogLabel: "request_id" }),
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler());
  const bodies = options.bodies ?? createBodyParsing(options.bodyParsing);
  if (!options.bodies) app.addHook("onClose", async () => bodies.close());
  registerContentEncoding(app);
  registerJsonBody(app, bodies);
  registerXmlBody(app, bodies);
  registerErrorHandling(app);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  registerAuthentication(app, options.storage, clock, options.adminKey);
  registerRateLimit(app, options.rateLimiter ?? new MemoryRateLimiter(options.rateLimit ?? 1000), clock);
  registerIdempotency(app, options.storage, clock);
  await registerOpenApi(app, options.version ?? "0.1.0");
  const deps = {
    storage: options.storage,
    clock,
    allowPrivateWebhooks: options.allowPrivateWebhooks ?? false,
    resolveHost: options.resolveHost ?? resolveWithDns,
    runTimeoutMs: options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS,
    queuedTimeoutMs: options.queuedTimeoutMs ?? DEFAULT_QUEUED_TIMEOUT_MS,
    bodies,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
  };
  healthRoutes(app, options.storage, options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
  metricsRoutes(app);
  if (options.adminKey) operatorRoutes(app, deps);
  runRoutes(app, deps);
  resultRoutes(app, deps);
  selectionRoutes(app, deps);
  accountRoutes(app, deps);
  repoDispatchRoutes(app, deps);
  webhookRoutes(app, deps);
  modelRoutes(app, deps);
  flakyRoutes(app, deps);
  coverageRoutes(app, deps);
  durationRoutes(app, deps);
  insightRoutes(app, deps);
  dashboardRoutes(app, deps, options.dashboardDir ?? defaultDashboardDir());
  await app.ready();
  return app;
}
