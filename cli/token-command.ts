import type { Command } from "commander";
import { resolveDatabaseUrl } from "../service/database-url.js";
import type { TokenScope } from "../service/storage/storage.js";
import { commandAction } from "./command-action.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { DATABASE_HELP } from "./serve-command.js";

export interface TokenCreateFlags {
  org: string;
  scope: string;
  database?: string;
  expiresInDays?: string;
}

const MAX_DAYS = 3650;

/** Whole days from 1 to ten years, as `POST /v1/tokens` takes them; undefined: never expires. */
function expiryOf(days: string | undefined, now: Date): Date | undefined {
  if (days === undefined) return undefined;
  const count = Number(days);
  if (!/^\d+$/.test(days.trim()) || count < 1 || count > MAX_DAYS) {
    throw new UsageError(
      `--expires-in-days must be a whole number from 1 to ${MAX_DAYS} (got ${JSON.stringify(days)})`,
    );
  }
  return new Date(now.getTime() + count * 86_400_000);
}

const SCOPES: readonly TokenScope[] = ["read", "read+write"];

function scopeOf(value: string): TokenScope {
  const scope = SCOPES.find((s) => s === value);
  if (!scope) throw new UsageError(`--scope must be read or read+write (got ${JSON.stringify(value)})`);
  return scope;
}

/**
 * `superplane token create`: the operator's way in. Creates the organization when it is new and
 * prints the token on stdout (the only time it is shown), so a script can capture it.
 */
export async function tokenCreateCommand(
  flags: TokenCreateFlags,
  log: (line: string) => void,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const scope = scopeOf(flags.scope);
  const name = flags.org.trim();
  if (!name) throw new UsageError("--org must name an organization");
  const now = new Date();
  const expiresAt = expiryOf(flags.expiresInDays, now);
  // Loaded lazily so that `superplane select` does not pay for the storage drivers at start-up.
  const { openStorage } = await import("../service/storage/kysely-storage.js");
  const { mintToken } = await import("../service/auth/api-token.js");
  const storage = await openStorage({ url: resolveDatabaseUrl(flags.database) });
  try {
    const org = await storage.ensureOrganization(name, now);
    const minted = mintToken();
    const record = await storage.createToken(org.id, scope, minted.hash, now, expiresAt);
    write(`${minted.token}\n`);
    const lifetime = record.expires_at ? `, expires ${record.expires_at}` : "";
    log(
      `superplane: token ${record.id} (${scope}${lifetime}) for organization ${org.name} (${org.id}); it is not shown again`,
    );
    return EXIT.ok;
  } finally {
    await storage.close();
  }
}

export function addTokenCommand(root: Command, log: (line: string) => void, exit: { code: number }): void {
  root
    .command("token")
    .description("manage API tokens")
    .command("create")
    .description("mint a token for an organization (created when new); prints it once")
    .requiredOption("--org <name>", "organization name")
    .requiredOption("--scope <scope>", "read or read+write")
    .option("--database <file|url>", DATABASE_HELP)
    .option("--expires-in-days <n>", "the token stops working after this many days (default: until revoked)")
    .action(commandAction(tokenCreateCommand, log, exit));
}
