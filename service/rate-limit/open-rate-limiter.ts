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
  /**
   * Processes serving this node's database (`serve --workers`): past one, a SQLite node counts in
   * the database as PostgreSQL replicas do, since each process's memory sees only its own requests.
   */
  processes?: number;
  /** Key prefix in Redis (tests use their own). */
  redisPrefix?: string;
  /** How long a Redis command may take before this request counts locally. */
  redisTimeoutMs?: number;
  /** After Redis failed, how long replicas count locally before trying it again. */
  circuitOpenMs?: number;
}

/** Redis on the same network answers in about a millisecond; a request should not wait 500 for it. */
export const REDIS_TIMEOUT_MS = 100;
export const CIRCUIT_OPEN_MS = 5_000;

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

async function openRedis(url: string, timeoutMs: number, warn: (error: unknown) => void): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail fast while disconnected rather than queueing requests behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: timeoutMs,
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
 * (replicas share it) or several processes serve it, else this process (SQLite serves one node). Redis must answer at start-up;
 * later outages fall back to counting each replica's share in the process.
 */
export async function openRateLimiter(options: RateLimitOptions): Promise<OpenedRateLimiter> {
  if (options.redisUrl) {
    const warn = throttled(options.warn);
    const redis = await openRedis(options.redisUrl, options.redisTimeoutMs ?? REDIS_TIMEOUT_MS, warn);
    const shared = new RedisRateLimiter(redis, options.limit, {
      ...(options.redisPrefix ? { prefix: options.redisPrefix } : {}),
    });
    // While Redis is away each replica allows its share of the limit among the replicas Redis
    // last saw, so together they stay within it.
    const local = new MemoryRateLimiter(() => Math.max(1, Math.floor(options.limit / shared.replicasSeen())));
    const onError = (error: unknown) => {
      warn(error);
      // A command that timed out may still be answered later, out of turn; a new connection
      // starts with no replies owed.
      if (error instanceof Error && /timed out/i.test(error.message)) redis.disconnect(true);
    };
    return {
      limiter: new FallbackRateLimiter(shared, local, onError, {
        openMs: options.circuitOpenMs ?? CIRCUIT_OPEN_MS,
      }),
      store: "redis",
      close: async () => {
        await redis.quit().catch(() => redis.disconnect());
      },
    };
  }
  if (options.storage.engine === "postgres" || (options.processes ?? 1) > 1) {
    return {
      limiter: new DatabaseRateLimiter(options.storage, options.limit),
      store: "database",
      close: async () => {},
    };
  }
  return { limiter: new MemoryRateLimiter(options.limit), store: "memory", close: async () => {} };
}
