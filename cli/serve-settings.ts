import { parseSecretKey, SecretKeyError } from "../service/auth/secret-box.js";
import { resolveDatabaseUrl } from "../service/database-url.js";
import { type DatabaseTimeoutFlags, type DatabaseTimeouts, databaseTimeouts } from "./database-timeouts.js";
import { UsageError } from "./exit-codes.js";
import { type TrustProxy, trustProxyOf } from "./trust-proxy.js";

/** `superplane serve` flags as commander hands them over: text, or true for switches. */
export interface ServeFlags extends DatabaseTimeoutFlags {
  port?: string;
  host?: string;
  database?: string;
  redis?: string;
  rateLimit?: string;
  allowPrivateWebhooks?: boolean;
  webhookTimeout?: string;
  trustProxy?: string;
  runTimeout?: string;
  queuedTimeout?: string;
}

export interface ServeSettings {
  port: number;
  host: string;
  databaseUrl: string;
  /** PostgreSQL's connect, statement and read timeouts. */
  databaseTimeouts: DatabaseTimeouts;
  redisUrl?: string;
  rateLimit: number;
  allowPrivateWebhooks: boolean;
  webhookTimeoutMs: number;
  /** A `running` run that hears nothing for this long turns `incomplete`. */
  runTimeoutMs: number;
  /** A `queued` run that no action run adopts for this long turns `incomplete`. */
  queuedTimeoutMs: number;
  trustProxy: TrustProxy;
  /** The operator key that may call `POST /v1/orgs`; that route does not exist without it. */
  adminKey?: string;
  /** Where people reach the service (its dashboard): run answers link to `{publicUrl}/runs/{id}`. */
  publicUrl?: string;
  /** SUPERPLANE_SECRET_KEY: seals repositories' GitHub tokens; without it none can be stored. */
  secretKey?: Buffer;
  /** SUPERPLANE_GITHUB_API_URL: where workflows are dispatched (GitHub Enterprise Server's /api/v3). */
  githubApiUrl?: string;
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed < min || parsed > max) {
    throw new UsageError(
      `${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`,
    );
  }
  return parsed;
}

/** A timeout given in minutes, from one minute to 30 days, in milliseconds. */
function minutes(name: string, value: string): number {
  return wholeNumber(name, value, 1, 60 * 24 * 30) * 60_000;
}

function redisUrlOf(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^rediss?:\/\//.test(value)) {
    throw new UsageError(`--redis must be a redis:// or rediss:// URL (got ${JSON.stringify(value)})`);
  }
  return value;
}

const TRUE = new Set(["1", "true", "yes"]);

/** Long enough that guessing it is hopeless: `openssl rand -hex 32` gives 64 characters. */
export const MIN_ADMIN_KEY_LENGTH = 32;

function adminKeyOf(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (value.length < MIN_ADMIN_KEY_LENGTH || /\s/.test(value)) {
    throw new UsageError(
      `SUPERPLANE_ADMIN_KEY must be at least ${MIN_ADMIN_KEY_LENGTH} characters with no spaces (make one with: openssl rand -hex 32)`,
    );
  }
  return value;
}

function secretKeyOf(value: string | undefined): Buffer | undefined {
  if (value === undefined || value === "") return undefined;
  try {
    return parseSecretKey(value);
  } catch (error) {
    if (error instanceof SecretKeyError) throw new UsageError(error.message);
    throw error;
  }
}

function httpUrlOf(variable: string, value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(`${variable} must be an http(s) URL (got ${JSON.stringify(value)})`);
  }
  return value.replace(/\/+$/, "");
}

function publicUrlOf(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`SUPERPLANE_PUBLIC_URL must be an http(s) URL (got ${JSON.stringify(value)})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`SUPERPLANE_PUBLIC_URL must be an http(s) URL (got ${JSON.stringify(value)})`);
  }
  return value.replace(/\/+$/, "");
}

/**
 * Flags win over the environment (`SUPERPLANE_*`, as containers are configured), which wins over
 * the defaults. Everything is checked here, so the server starts with settings known to be valid.
 */
export function serveSettings(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeSettings {
  const redisUrl = redisUrlOf(flags.redis ?? env.SUPERPLANE_REDIS_URL);
  const rateLimit = flags.rateLimit ?? env.SUPERPLANE_RATE_LIMIT ?? "1000";
  const timeout = flags.webhookTimeout ?? env.SUPERPLANE_WEBHOOK_TIMEOUT_MS ?? "10000";
  // Only ever from the environment: a flag would show the key to everyone who can run `ps`.
  const adminKey = adminKeyOf(env.SUPERPLANE_ADMIN_KEY);
  const publicUrl = publicUrlOf(env.SUPERPLANE_PUBLIC_URL);
  // Like the admin key, only from the environment.
  const secretKey = secretKeyOf(env.SUPERPLANE_SECRET_KEY);
  const githubApiUrl = httpUrlOf("SUPERPLANE_GITHUB_API_URL", env.SUPERPLANE_GITHUB_API_URL);
  return {
    port: wholeNumber("--port", flags.port ?? env.SUPERPLANE_PORT ?? "8080", 0, 65_535),
    host: flags.host ?? env.SUPERPLANE_HOST ?? "127.0.0.1",
    databaseUrl: resolveDatabaseUrl(flags.database, env),
    databaseTimeouts: databaseTimeouts(flags, env),
    ...(redisUrl ? { redisUrl } : {}),
    rateLimit: wholeNumber("--rate-limit", rateLimit, 1, 10_000_000),
    allowPrivateWebhooks:
      Boolean(flags.allowPrivateWebhooks) ||
      TRUE.has((env.SUPERPLANE_ALLOW_PRIVATE_WEBHOOKS ?? "").toLowerCase()),
    webhookTimeoutMs: wholeNumber("--webhook-timeout", timeout, 100, 120_000),
    runTimeoutMs: minutes("--run-timeout", flags.runTimeout ?? env.SUPERPLANE_RUN_TIMEOUT_MINUTES ?? "360"),
    queuedTimeoutMs: minutes(
      "--queued-timeout",
      flags.queuedTimeout ?? env.SUPERPLANE_QUEUED_TIMEOUT_MINUTES ?? "1440",
    ),
    trustProxy: trustProxyOf(flags.trustProxy ?? env.SUPERPLANE_TRUST_PROXY),
    ...(adminKey ? { adminKey } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(secretKey ? { secretKey } : {}),
    ...(githubApiUrl ? { githubApiUrl } : {}),
  };
}
