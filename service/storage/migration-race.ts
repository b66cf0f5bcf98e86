import type { MigrationResultSet } from "kysely";

/**
 * What Kysely's migrator gets from PostgreSQL when another session drops a schema (3F000), a table
 * (42P01) or a column (42703: `column "org_id" of relation "run_dispatches" does not exist`, another
 * run's down migration) while the migrator lists every schema's tables and columns to find its own. The listing is a race with
 * other databases' users, not a fault of ours; the migrations run in one transaction, so a failed
 * attempt left nothing and looking again is safe.
 */
const LISTING_RACES = new Set(["3F000", "42P01", "42703"]);

/** Runs a migrator step, again (up to four more times) when PostgreSQL's table listing lost a race. */
export async function migrateDespiteListingRaces(
  engine: "sqlite" | "postgres",
  step: () => Promise<MigrationResultSet>,
): Promise<MigrationResultSet> {
  for (let attempt = 1; ; attempt++) {
    const set = await step();
    const code = (set.error as { code?: unknown } | undefined)?.code;
    if (engine !== "postgres" || attempt >= 5 || typeof code !== "string" || !LISTING_RACES.has(code))
      return set;
  }
}
