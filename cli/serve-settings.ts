import { resolveDatabaseUrl } from "../service/database-url.js";
import { UsageError } from "./exit-codes.js";

/** `superplane serve` flags as commander hands them over: text, or true for switches. */
export interface ServeFlags {
  port: string;
  host: string;
  database?: string;
  redis?: string;
  rateLimit?: string;
  allowPrivateWebhooks?: boolean;
  webhookTimeout?: string;
}

export interface ServeSettings {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl?: string;
  rateLimit: number;
  allowPrivateWebhooks: boolean;
  webhookTimeoutMs: number;
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

function redisUrlOf(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^rediss?:\/\//.test(value)) {
    throw new UsageError(`--redis must be a redis:// or rediss:// URL (got ${JSON.stringify(value)})`);
  }
  return value;
}

const TRUE = new Set(["1", "true", "yes"]);

/**
 * Flags win over the environment (`SUPERPLANE_*`, as containers are configured), which wins over
 * the defaults. Everything is checked here, so the server starts with settings known to be valid.
 */
export function serveSettings(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeSettings {
  const redisUrl = redisUrlOf(flags.redis ?? env.SUPERPLANE_REDIS_URL);
  const rateLimit = flags.rateLimit ?? env.SUPERPLANE_RATE_LIMIT ?? "1000";
  const timeout = flags.webhookTimeout ?? env.SUPERPLANE_WEBHOOK_TIMEOUT_MS ?? "10000";
  return {
    port: wholeNumber("--port", flags.port, 0, 65_535),
    host: flags.host,
    databaseUrl: resolveDatabaseUrl(flags.database, env),
    ...(redisUrl ? { redisUrl } : {}),
    rateLimit: wholeNumber("--rate-limit", rateLimit, 1, 10_000_000),
    allowPrivateWebhooks:
      Boolean(flags.allowPrivateWebhooks) ||
      TRUE.has((env.SUPERPLANE_ALLOW_PRIVATE_WEBHOOKS ?? "").toLowerCase()),
    webhookTimeoutMs: wholeNumber("--webhook-timeout", timeout, 100, 120_000),
  };
}
