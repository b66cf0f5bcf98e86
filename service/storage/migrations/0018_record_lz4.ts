import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";

/** The tables holding a run's decision record (0013, 0017) and their five text columns. */
const RECORD_TABLES = ["run_decisions", "run_decision_parts"];
const RECORD_COLUMNS = ["paths", "selected", "confidence", "reasons", "features"];

/**
 * Issue 16: on PostgreSQL a 5,000-test record is about 560 KB of text, which the server compresses
 * as it stores it. With the default method (pglz) that INSERT took 14-22 ms of the backend's time a
 * selection, against 8-11 ms with lz4, for 83 KB stored instead of 61 (docs/decisions.md,
 * "PostgreSQL stores the record with lz4"). Rows written before keep pglz; both read the same.
 * A server without lz4 (PostgreSQL before 14, or built without it) keeps pglz: the DO block's
 * handler ends the attempt without failing the migration.
 */
export const recordLz4Migration: Migration = {
  async up(db: Kysely<unknown>) {
    await setCompression(db, "lz4");
  },
  async down(db: Kysely<unknown>) {
    await setCompression(db, "default");
  },
};

async function setCompression(db: Kysely<unknown>, method: "lz4" | "default"): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const statements = RECORD_TABLES.map(
    (table) =>
      `alter table ${table} ${RECORD_COLUMNS.map((c) => `alter column ${c} set compression ${method}`).join(", ")};`,
  ).join("\n");
  await sql
    .raw(
      `do $$ begin\n${statements}\nexception when feature_not_supported or syntax_error or invalid_parameter_value then null;\nend $$`,
    )
    .execute(db);
}
