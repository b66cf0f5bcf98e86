import type { Command } from "commander";
import { SecretKeyError } from "../service/auth/secret-box.js";
import { describeDatabase } from "../service/database-url.js";
import { commandAction } from "./command-action.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { type ServeFlags, serveSettings } from "./serve-settings.js";

export interface ServeHooks {
  /** Resolves when the server should stop; SIGTERM or SIGINT by default. */
  stop?: Promise<unknown>;
  /** Request logs; JSON lines on stdout by default. */
  logger?: boolean;
}

/** `superplane serve`: the selection service until a shutdown signal, then a graceful close. */
export async function serveCommand(flags: ServeFlags, log: (line: string) => void, hooks: ServeHooks = {}) {
  const settings = serveSettings(flags);
  // Loaded here, not at the top: the server's dependencies cost about a second of start-up that
  // `superplane select` should not pay.
  const { shutdownSignal, startServer } = await import("../service/server.js");
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ ...settings, ...(hooks.logger === false ? { logger: false } : {}) });
  } catch (error) {
    // The stored GitHub tokens and the key do not match: a setting to fix, not a crash.
    if (error instanceof SecretKeyError) throw new UsageError(error.message);
    throw error;
  }
  const where = `${describeDatabase(settings.databaseUrl)}, rate limits in ${server.rateLimitStore}`;
  log(`superplane: listening on ${server.url} (${where})`);
  const reason = await (hooks.stop ?? shutdownSignal());
  log(`superplane: ${typeof reason === "string" ? reason : "stop"} received, closing`);
  await server.close();
  return EXIT.ok;
}

export const DATABASE_HELP =
  "SQLite file or postgres://… (default: $SUPERPLANE_DATABASE_URL or ./superplane.db)";

export function addServeCommand(root: Command, log: (line: string) => void, exit: { code: number }): void {
  root
    .command("serve")
    .description("run the selection service (SQLite by default, PostgreSQL with a postgres:// URL)")
    .option("--port <n>", "port to listen on (or $SUPERPLANE_PORT; default 8080)")
    .option("--host <addr>", "address to bind, 0.0.0.0 for all (or $SUPERPLANE_HOST; default 127.0.0.1)")
    .option("--database <file|url>", DATABASE_HELP)
    .option(
      "--db-connect-timeout <ms>",
      "PostgreSQL: wait this long for a connection (or $SUPERPLANE_DB_CONNECT_TIMEOUT_MS; default 5000)",
    )
    .option(
      "--db-statement-timeout <ms>",
      "PostgreSQL: the server cancels a statement running longer, 0 never (or $SUPERPLANE_DB_STATEMENT_TIMEOUT_MS; default 10000)",
    )
    .option(
      "--db-read-timeout <ms>",
      "PostgreSQL: drop a connection whose answer is this late, 0 never (or $SUPERPLANE_DB_READ_TIMEOUT_MS; default statement timeout + 1000)",
    )
    .option("--redis <url>", "count rate limits in this Redis, shared by replicas (or $SUPERPLANE_REDIS_URL)")
    .option(
      "--rate-limit <n>",
      "requests a minute per organization (or $SUPERPLANE_RATE_LIMIT; default 1000)",
    )
    .option(
      "--allow-private-webhooks",
      "let webhooks target private and loopback addresses (or $SUPERPLANE_ALLOW_PRIVATE_WEBHOOKS=1)",
    )
    .option("--webhook-timeout <ms>", "per webhook POST (or $SUPERPLANE_WEBHOOK_TIMEOUT_MS; default 10000)")
    .option(
      "--run-timeout <minutes>",
      "a running run that hears nothing this long turns incomplete (or $SUPERPLANE_RUN_TIMEOUT_MINUTES; default 360)",
    )
    .option(
      "--queued-timeout <minutes>",
      "a run queued through the API that no action run adopts this long turns incomplete (or $SUPERPLANE_QUEUED_TIMEOUT_MINUTES; default 1440)",
    )
    .option(
      "--trust-proxy <spec>",
      "take the client address from X-Forwarded-For sent by these peers: addresses, CIDRs, loopback, or true for any (or $SUPERPLANE_TRUST_PROXY)",
    )
    .action(commandAction(serveCommand, log, exit));
}
