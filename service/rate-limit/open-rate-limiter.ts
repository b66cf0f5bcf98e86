import { Redis } from "ioredis";
import type { Storage } from "../storage/storage.js";
import { DatabaseRateLimiter } from "./database-rate-limiter.js";
import { FallbackRateLimiter } from "./fallback-rate-limiter.js";
import { MemoryRateLimiter } from "./memory-rate-limiter.js";
import type { RateLimiter } from "./rate-limiter.js";
import { RedisRateLimiter } from "./redis-rate-limiter.js";

export interface RateLimitOptions {
  /** Requests a minute per organization. */
  limit: number;
  /** `redis://…`: count in Redis, shared by every replica that uses it. */
  redisUrl?: string;
  storage: Storage;
  warn: (message: string) => void;
}

export interface OpenedRateLimiter {
  limiter: RateLimiter;
  /** For the start-up line: where the counts live. */
  store: "redis" | "database" | "memory";
  close(): Promise<void>;
}

/** One warning a minute at most: a Redis outage should not flood the log at request rate. */
function throttled(warn: (message: string) => void): (error: unknown) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < 60_000) return;
    last = now;
    const message = error instanceof Error ? error.message : String(error);
    warn(`rate limits: Redis unavailable (${message}); counting per replica until it is back`);
  };
}

async function openRedis(url: string, warn: (error: unknown) => void): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail fast while disconnected rather than queueing requests behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectionName: "superplane",
  });
  let first: unknown;
  const remember = (error: unknown) => {
    first ??= error;
  };
  redis.on("error", remember);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    // connect() only says the connection closed; the error event said why.
    const cause = first ?? error;
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`cannot reach Redis at ${redactedUrl(url)}: ${message}`, { cause });
  }
  redis.off("error", remember);
  redis.on("error", warn);
  return redis;
}

export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/**
 * Where request counts live: Redis when configured, else the database when it is PostgreSQL
 * (replicas share it), else this process (SQLite serves one node). Redis must answer at start-up;
 * later outages fall back to counting per replica.
 */
export async function openRateLimiter(options: RateLimitOptions): Promise<OpenedRateLimiter> {
  const local = new MemoryRateLimiter(options.limit);
  if (options.redisUrl) {
    const onError = throttled(options.warn);
    const redis = await openRedis(options.redisUrl, onError);
    const shared = new RedisRateLimiter(redis, options.limit);
    return {
      limiter: new FallbackRateLimiter(shared, local, onError),
      store: "redis",
      close: async () => {
        await redis.quit().catch(() => redis.disconnect());
      },
    };
  }
  if (options.storage.engine === "postgres") {
    return {
      limiter: new DatabaseRateLimiter(options.storage, options.limit),
      store: "database",
      close: async () => {},
    };
  }
  return { limiter: local, store: "memory", close: async () => {} };
}
