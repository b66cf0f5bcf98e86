import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";
import { RunNotStartedError } from "../run-not-started.js";
import type { Run, RunStatus, TestResult } from "../storage.js";
import { observeFlaky, quarantineFailures } from "./flaky.js";
import { enqueueRunEvent } from "./outbox.js";
import { findRun } from "./runs.js";

const CHUNK = 1000;

async function upsertResults(db: Kysely<Database>, runId: string, results: TestResult[]) {
  for (let start = 0; start < results.length; start += CHUNK) {
    const rows = results.slice(start, start + CHUNK).map((r) => ({ run_id: runId, ...r }));
    await db
      .insertInto("results")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["run_id", "test_path"]).doUpdateSet((eb) => ({
          outcome: eb.ref("excluded.outcome"),
          duration_ms: eb.ref("excluded.duration_ms"),
        })),
      )
      .execute();
  }
}

/** The run's status from every result it has: one failure fails it, unless it is quarantined as flaky. */
async function statusFromResults(db: Kysely<Database>, runId: string, quarantined: readonly string[]) {
  const row = await db
    .selectFrom("results")
    .select((eb) => [
      eb.fn.sum<number | string>("duration_ms").as("duration"),
      eb.fn.count<number | string>("test_path").filterWhere("outcome", "=", "failed").as("failed"),
    ])
    .where("run_id", "=", runId)
    .executeTakeFirst();
  const status: RunStatus = toNumber(row?.failed) > quarantined.length ? "failed" : "passed";
  return { status, duration: toNumber(row?.duration) };
}

/** Run inside a transaction: results, status and the event are one change. */
export async function recordResults(
  db: Kysely<Database>,
  orgId: string,
  runId: string,
  results: TestResult[],
  now: Date,
): Promise<Run | undefined> {
  // Touching the row first takes PostgreSQL's row lock until commit, so two replicas recording
  // results for one run at once see each other's status and queue its event only once.
  const touched = await db
    .updateTable("runs")
    .set({ updated_at: now.toISOString() })
    .where("org_id", "=", orgId)
    .where("id", "=", runId)
    .executeTakeFirst();
  if (touched.numUpdatedRows === 0n) return undefined;
  const run = await findRun(db, orgId, runId);
  if (!run) return undefined;
  if (run.status === "queued") throw new RunNotStartedError(runId);
  await upsertResults(db, runId, results);
  // Flaky tests are found and quarantined here, so the status and its event already know them.
  await observeFlaky(db, run, now);
  const quarantined = await quarantineFailures(db, run);
  const { status, duration } = await statusFromResults(db, runId, quarantined);
  const updated: Run = { ...run, status, duration_ms: duration, updated_at: now.toISOString() };
  await db
    .updateTable("runs")
    .set({ status, duration_ms: duration, updated_at: updated.updated_at })
    .where("id", "=", runId)
    .execute();
  if (status !== run.status) {
    await enqueueRunEvent(db, orgId, status === "passed" ? "run.passed" : "run.failed", updated, now);
  }
  return updated;
}
