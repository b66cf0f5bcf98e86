import type { Command } from "commander";
import { resolveDatabaseUrl } from "../service/database-url.js";
import type { TokenScope } from "../service/storage/storage.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { DATABASE_HELP } from "./serve-command.js";

export interface TokenCreateFlags {
  org: string;
  scope: string;
  database?: string;
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
  // Loaded lazily so that `superplane select` does not pay for the storage drivers at start-up.
  const { openStorage } = await import("../service/storage/kysely-storage.js");
  const { mintToken } = await import("../service/auth/api-token.js");
  const storage = await openStorage({ url: resolveDatabaseUrl(flags.database) });
  try {
    const now = new Date();
    const org = await storage.ensureOrganization(name, now);
    const minted = mintToken();
    const record = await storage.createToken(org.id, scope, minted.hash, now);
    write(`${minted.token}\n`);
    log(
      `superplane: token ${record.id} (${scope}) for organization ${org.name} (${org.id}); it is not shown again`,
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
    .action(async (flags: TokenCreateFlags) => {
      exit.code = await tokenCreateCommand(flags, log);
    });
}
