import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";
import { RunNotStartedError } from "../run-not-started.js";
import type { Run, RunStatus, TestResult } from "../storage.js";
import { recordFileDurations } from "./file-durations.js";
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
      eb.fn.count<number | string>("test_path").filterWhere("outcome", "=", "failed").as("failed"),
    ])
    .where("run_id", "=", runId)
    .executeTakeFirst();
  const status: RunStatus = toNumber(row?.failed) > quarantined.length ? "failed" : "passed";
  return { status };
}

/**
 * The run's duration is the test command's wall time, as the report says (`recordRunDuration`),
 * never the sum of its files' times: workers run files side by side, and the sum leaves out the
 * runner's start. Several jobs reporting to one run (shards) ran side by side: the longest counts.
 */
export async function recordRunDuration(db: Kysely<Database>, orgId: string, runId: string, wallMs: number) {
  await db
    .updateTable("runs")
    // NULL (no duration yet) is not greater: the reported time is taken.
    .set((eb) => ({
      duration_ms: eb.case().when("duration_ms", ">", wallMs).then(eb.ref("duration_ms")).else(wallMs).end(),
    }))
    .where("org_id", "=", orgId)
    .where("id", "=", runId)
    // A queued run takes no results (409): it took no time either.
    .where("status", "!=", "queued")
    .execute();
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
  await recordFileDurations(db, run, results, now);
  // Flaky tests are found and quarantined here, so the status and its event already know them.
  await observeFlaky(db, run, now);
  const quarantined = await quarantineFailures(db, run);
  const { status } = await statusFromResults(db, runId, quarantined);
  const updated: Run = { ...run, status, updated_at: now.toISOString() };
  await db
    .updateTable("runs")
    .set({ status, updated_at: updated.updated_at })
    .where("id", "=", runId)
    .execute();
  if (status !== run.status) {
    await enqueueRunEvent(db, orgId, status === "passed" ? "run.passed" : "run.failed", updated, now);
  }
  return updated;
}
