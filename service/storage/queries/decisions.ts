import type { Kysely } from "kysely";
import { turnLoop } from "../../loop-slices.js";
import type { Database } from "../database-schema.js";
import {
  type DecisionRecord,
  decodeDecisionParts,
  decodeDecisions,
  skippedPaths,
} from "../decision-record.js";
import { toDecision } from "../row-mappers.js";
import type { StoredDecision } from "../storage.js";

/**
 * Stores every decision of a run as its record (decision-record.ts, encoded in parts before the
 * transaction by the caller); called inside the transaction that inserts the run. One part is one
 * row of `run_decisions`, as before 0017; more are rows of `run_decision_parts`, one INSERT each,
 * the event loop turning between them (better-sqlite3 holds the thread for each statement).
 * Still one transaction: a reader sees all the parts or none.
 */
export async function writeDecisions(
  db: Kysely<Database>,
  runId: string,
  parts: readonly DecisionRecord[] | undefined,
): Promise<void> {
  if (!parts || parts.length === 0 || (parts.length === 1 && parts[0]!.tests === 0)) return;
  if (parts.length === 1) {
    await db
      .insertInto("run_decisions")
      .values({ run_id: runId, ...parts[0]! })
      .execute();
    return;
  }
  for (let part = 0; part < parts.length; part++) {
    if (part > 0) await turnLoop();
    await db
      .insertInto("run_decision_parts")
      .values({ run_id: runId, part, ...parts[part]! })
      .execute();
  }
}

async function compactRecord(db: Kysely<Database>, runId: string) {
  return db.selectFrom("run_decisions").selectAll().where("run_id", "=", runId).executeTakeFirst();
}

async function recordParts(db: Kysely<Database>, runId: string): Promise<DecisionRecord[]> {
  const parts = await db
    .selectFrom("run_decision_parts")
    .select(["tests", "paths", "selected", "confidence", "reasons", "features"])
    .where("run_id", "=", runId)
    .orderBy("part")
    .execute();
  return parts as DecisionRecord[];
}

/**
 * A run's decisions in path order, from its record or the record's parts. A run stored by a
 * replica older than 0013_compact_decisions during a rolling upgrade has its decisions in the
 * row-per-test table, so that is read when the run has neither.
 */
export async function readDecisions(db: Kysely<Database>, runId: string): Promise<StoredDecision[]> {
  const record = await compactRecord(db, runId);
  if (record) return decodeDecisions(runId, record as DecisionRecord);
  const parts = await recordParts(db, runId);
  if (parts.length > 0) return decodeDecisionParts(runId, parts);
  const rows = await db
    .selectFrom("decisions")
    .selectAll()
    .where("run_id", "=", runId)
    .orderBy("test_path")
    .execute();
  return rows.map(toDecision);
}

/** The paths of the tests the run skipped (from any of the three tables, as readDecisions). */
export async function readSkippedPaths(db: Kysely<Database>, runId: string): Promise<string[]> {
  const record = await db
    .selectFrom("run_decisions")
    .select(["paths", "selected"])
    .where("run_id", "=", runId)
    .executeTakeFirst();
  if (record) return skippedPaths(record);
  const parts = await db
    .selectFrom("run_decision_parts")
    .select(["paths", "selected"])
    .where("run_id", "=", runId)
    .orderBy("part")
    .execute();
  if (parts.length > 0) return parts.flatMap(skippedPaths);
  const rows = await db
    .selectFrom("decisions")
    .select("test_path")
    .where("run_id", "=", runId)
    .where("selected", "=", 0)
    .execute();
  return rows.map((row) => row.test_path);
}
