import type SqliteDatabase from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database-schema.js";
import type { StoredDecision } from "../storage.js";

/**
 * Stores every decision of a run; called inside the transaction that inserts the run. A run of
 * 5,000 tests is the hot path of `POST /v1/selection`: as multi-row VALUES through the query
 * builder it was 30,000 bound parameters in five statements, and building them cost more than the
 * database spent storing them. Each engine gets its cheapest bulk path instead.
 */
export type DecisionWriter = (
  db: Kysely<Database>,
  runId: string,
  decisions: StoredDecision[],
) => Promise<void>;

/** One statement, one parameter: PostgreSQL unpacks the rows from JSON itself. */
export const postgresDecisionWriter: DecisionWriter = async (db, runId, decisions) => {
  if (decisions.length === 0) return;
  const rows = JSON.stringify(
    decisions.map((d) => ({
      p: d.test_path,
      s: d.selected ? 1 : 0,
      c: d.confidence,
      r: d.reasons,
      f: d.features,
    })),
  );
  // `json` (not jsonb) keeps reasons and features as the JSON text every other path stores.
  await sql`insert into decisions (run_id, test_path, selected, confidence, reasons, features)
    select ${runId}, x.p, x.s, x.c, x.r::text, x.f::text
    from json_to_recordset(${rows}::json) as x(p text, s integer, c double precision, r json, f json)`.execute(
    db,
  );
};

/**
 * One prepared statement run per row on the connection Kysely holds. better-sqlite3 is
 * synchronous and Kysely's SQLite dialect has a single connection, so these rows land inside the
 * caller's open transaction; the guard refuses to write outside one.
 */
export function sqliteDecisionWriter(database: SqliteDatabase.Database): DecisionWriter {
  let insert: SqliteDatabase.Statement | undefined;
  return async (_db, runId, decisions) => {
    if (!database.inTransaction) throw new Error("decisions must be written inside the run's transaction");
    insert ??= database.prepare(
      "insert into decisions (run_id, test_path, selected, confidence, reasons, features) values (?, ?, ?, ?, ?, ?)",
    );
    for (const d of decisions) {
      insert.run(
        runId,
        d.test_path,
        d.selected ? 1 : 0,
        d.confidence,
        JSON.stringify(d.reasons),
        JSON.stringify(d.features),
      );
    }
  };
}
