import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import { type DecisionRecord, decodeDecisions, skippedPaths } from "../decision-record.js";
import { toDecision } from "../row-mappers.js";
import type { StoredDecision } from "../storage.js";

/**
 * Stores every decision of a run as one record (decision-record.ts, encoded before the
 * transaction by the caller); called inside the transaction that inserts the run. One row with a
 * few large text values is one statement on both engines, where a row per test was 5,000 inserts
 * and index entries per selection.
 */
export async function writeDecisions(
  db: Kysely<Database>,
  runId: string,
  record: DecisionRecord | undefined,
): Promise<void> {
  if (!record || record.tests === 0) return;
  await db
    .insertInto("run_decisions")
    .values({ run_id: runId, ...record })
    .execute();
}

async function compactRecord(db: Kysely<Database>, runId: string) {
  return db.selectFrom("run_decisions").selectAll().where("run_id", "=", runId).executeTakeFirst();
}

/**
 * A run's decisions in path order. A run stored by a replica older than 0013_compact_decisions
 * during a rolling upgrade has its decisions in the row-per-test table, so that is read when the
 * run has no record.
 */
export async function readDecisions(db: Kysely<Database>, runId: string): Promise<StoredDecision[]> {
  const record = await compactRecord(db, runId);
  if (record) return decodeDecisions(runId, record as DecisionRecord);
  const rows = await db
    .selectFrom("decisions")
    .selectAll()
    .where("run_id", "=", runId)
    .orderBy("test_path")
    .execute();
  return rows.map(toDecision);
}

/** The paths of the tests the run skipped (from either table, as readDecisions). */
export async function readSkippedPaths(db: Kysely<Database>, runId: string): Promise<string[]> {
  const record = await db
    .selectFrom("run_decisions")
    .select(["paths", "selected"])
    .where("run_id", "=", runId)
    .executeTakeFirst();
  if (record) return skippedPaths(record);
  const rows = await db
    .selectFrom("decisions")
    .select("test_path")
    .where("run_id", "=", runId)
    .where("selected", "=", 0)
    .execute();
  return rows.map((row) => row.test_path);
}
