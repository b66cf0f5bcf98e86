import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "./app.js";
import { SecretBox } from "./auth/secret-box.js";
import { systemClock } from "./clock.js";
import { checkSecretKey } from "./dispatch/check-secret-key.js";
import { DispatchWorker } from "./dispatch/dispatch-worker.js";
import { type OpenedRateLimiter, openRateLimiter } from "./rate-limit/open-rate-limiter.js";
import { openStorage } from "./storage/kysely-storage.js";
import type { DatabaseOptions } from "./storage/open-database.js";
import type { Storage } from "./storage/storage.js";
import { DeliveryWorker } from "./webhooks/delivery-worker.js";

export interface ServerOptions {
  port: number;
  host: string;
  databaseUrl: string;
  /** PostgreSQL's timeouts (open-database.ts); its defaults when absent. */
  databaseTimeouts?: Pick<DatabaseOptions, "connectTimeoutMs" | "statementTimeoutMs" | "readTimeoutMs">;
  logger?: FastifyServerOptions["logger"];
  allowPrivateWebhooks?: boolean;
  /** Count rate limits in this Redis (shared by every replica using it). */
  redisUrl?: string;
  /** Requests a minute per organization; DESIGN's 1,000 by default. */
  rateLimit?: number;
  /** Per webhook POST. */
  webhookTimeoutMs?: number;
  /** How often an idle delivery worker looks for due deliveries. */
  deliveryPollMs?: number;
  /** Fastify's `trustProxy`: whose X-Forwarded-For names the client (logs show `remoteAddress`). */
  trustProxy?: boolean | string;
  /** Enables `POST /v1/orgs` for this key only. */
  adminKey?: string;
  /** A `running` run that hears nothing for this long turns `incomplete`. */
  runTimeoutMs?: number;
  /** A `queued` run that no action run adopts for this long turns `incomplete`. */
  queuedTimeoutMs?: number;
  /** The built dashboard; build/dashboard/ of the package by default. */
  dashboardDir?: string;
  /** Where people reach the service: run answers carry `dashboard_url` under it. */
  publicUrl?: string;
  /** SUPERPLANE_SECRET_KEY: seals repositories' GitHub tokens for workflow dispatch. */
  secretKey?: Buffer;
  /** GitHub's API root for workflow dispatch; https://api.github.com by default. */
  githubApiUrl?: string;
  /**
   * Whether this process runs the webhook delivery and workflow dispatch loops; true by default.
   * Of a node's worker processes one does: their claims are safe to share, but N pollers are N
   * times the queries for nothing.
   */
  background?: boolean;
  /** Processes of this node serving one database (`serve --workers`): more than one counts rate limits there. */
  processes?: number;
}

export interface RunningServer {
  app: FastifyInstance;
  storage: Storage;
  url: string;
  rateLimitStore: OpenedRateLimiter["store"];
  /**
   * Stops accepting connections and lets requests in flight finish, then lets webhook sends in
   * flight finish and gives back their leases, then closes Redis and the database.
   */
  close(): Promise<void>;
}

/** Slow clients must not hold sockets forever; keep-alive outlives a typical 60 s balancer idle time. */
function applyTimeouts(app: FastifyInstance): void {
  app.server.requestTimeout = 30_000;
  app.server.headersTimeout = 10_000;
  app.server.keepAliveTimeout = 65_000;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const storage = await openStorage({
    url: options.databaseUrl,
    ...options.databaseTimeouts,
    checkpointOffThread: true,
  });
  const secrets = options.secretKey ? new SecretBox(options.secretKey) : undefined;
  try {
    await checkSecretKey(storage, secrets);
  } catch (error) {
    await storage.close();
    throw error;
  }
  const logger = options.logger ?? { level: "info" };
  // Warnings before the app (and its logger) exist go to stderr.
  let warn: (message: string) => void = (message) => process.stderr.write(`${message}\n`);
  let limits: OpenedRateLimiter | undefined;
  try {
    limits = await openRateLimiter({
      limit: options.rateLimit ?? 1000,
      storage,
      warn: (message) => warn(message),
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      ...(options.processes ? { processes: options.processes } : {}),
    });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const app: FastifyInstance = await buildApp({
    storage,
    logger,
    rateLimiter: limits.limiter,
    allowPrivateWebhooks: options.allowPrivateWebhooks ?? false,
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.adminKey ? { adminKey: options.adminKey } : {}),
    ...(options.runTimeoutMs ? { runTimeoutMs: options.runTimeoutMs } : {}),
    ...(options.queuedTimeoutMs ? { queuedTimeoutMs: options.queuedTimeoutMs } : {}),
    ...(options.dashboardDir ? { dashboardDir: options.dashboardDir } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(secrets ? { secrets } : {}),
  });
  applyTimeouts(app);
  warn = (message) => app.log.warn(message);
  const worker = new DeliveryWorker({
    storage,
    clock: systemClock,
    allowPrivate: options.allowPrivateWebhooks ?? false,
    onError: (error) => app.log.error({ err: error }, "webhook delivery worker"),
    ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}),
    ...(options.deliveryPollMs ? { pollMs: options.deliveryPollMs } : {}),
  });
  const dispatcher = new DispatchWorker({
    storage,
    clock: systemClock,
    ...(secrets ? { secrets } : {}),
    ...(options.githubApiUrl ? { apiUrl: options.githubApiUrl } : {}),
    onError: (error) => app.log.error({ err: error }, "workflow dispatch worker"),
    ...(options.deliveryPollMs ? { pollMs: options.deliveryPollMs } : {}),
  });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app
      .close()
      .then(() => Promise.all([worker.stop(), dispatcher.stop()]))
      .then(() => limits.close())
      .finally(() => storage.close());
    return closing;
  };
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await close();
    throw error;
  }
  if (options.background ?? true) {
    worker.start();
    dispatcher.start();
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return { app, storage, url: `http://${host}:${port}`, rateLimitStore: limits.store, close };
}

export { shutdownSignal } from "./shutdown-signal.js";
