import type { Command } from "commander";
import { describeDatabase, resolveDatabaseUrl } from "../service/database-url.js";
import { commandAction } from "./command-action.js";
import { EXIT } from "./exit-codes.js";
import { DATABASE_HELP } from "./serve-command.js";

/**
 * `superplane migrate`: brings the database's schema up to date and exits, for a release step that
 * runs before the new replicas start (they would migrate on start-up too; both ways are safe).
 */
export async function migrateCommand(flags: { database?: string }, log: (line: string) => void) {
  const url = resolveDatabaseUrl(flags.database);
  // Loaded lazily, as for `serve`: the storage drivers cost start-up time the other commands skip.
  const { migrateDatabase } = await import("../service/storage/kysely-storage.js");
  const applied = await migrateDatabase({ url });
  const what = applied.length === 0 ? "already up to date" : `applied ${applied.join(", ")}`;
  log(`superplane: ${describeDatabase(url)} ${what}`);
  return EXIT.ok;
}

export function addMigrateCommand(root: Command, log: (line: string) => void, exit: { code: number }): void {
  root
    .command("migrate")
    .description("bring the service's database schema up to date, then exit")
    .option("--database <file|url>", DATABASE_HELP)
    .action(commandAction(migrateCommand, log, exit));
}
