import type { Kysely } from "kysely";
import { ApiError } from "../../api-error.js";
import { LoopSlices } from "../../loop-slices.js";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";
import { RunNotStartedError } from "../run-not-started.js";
import type { ReportOptions, Run, RunStatus, TestResult } from "../storage.js";
import { chunks } from "./chunks.js";
import { recordFileDurations } from "./file-durations.js";
import { observeFlaky, quarantineFailures } from "./flaky.js";
import { enqueueRunEvent } from "./outbox.js";
import { findRun, reportedShards } from "./runs.js";

const CHUNK = 1000;

async function upsertResults(db: Kysely<Database>, runId: string, results: TestResult[]) {
  // better-sqlite3 holds the thread for each statement: the loop turns between them (5,000 files
  // of a 250,000-case report were one stretch of 0.1-0.2 s on a loaded machine).
  const slices = new LoopSlices();
  for (const part of chunks(results, CHUNK)) {
    await slices.pause();
    const rows = part.map((r) => ({
      run_id: runId,
      ...r,
      message: r.outcome === "failed" ? (r.message ?? null) : null,
    }));
    await db
      .insertInto("results")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["run_id", "test_path"]).doUpdateSet((eb) => ({
          outcome: eb.ref("excluded.outcome"),
          duration_ms: eb.ref("excluded.duration_ms"),
          message: eb.ref("excluded.message"),
        })),
      )
      .execute();
  }
}

/**
 * The run's status from every result it has: one failure fails it, unless it is quarantined as
 * flaky; so does a failure no test could be found for.
 */
async function statusFromResults(db: Kysely<Database>, runId: string, quarantined: readonly string[]) {
  const unmapped = await db
    .selectFrom("run_shards")
    .select((eb) => eb.fn.sum<number | string>("unmapped_failed").as("failed"))
    .where("run_id", "=", runId)
    .executeTakeFirst();
  const row = await db
    .selectFrom("results")
    .select((eb) => [
      eb.fn.count<number | string>("test_path").filterWhere("outcome", "=", "failed").as("failed"),
    ])
    .where("run_id", "=", runId)
    .executeTakeFirst();
  const failed = toNumber(row?.failed) > quarantined.length || toNumber(unmapped?.failed) > 0;
  const status: RunStatus = failed ? "failed" : "passed";
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

/**
 * Counts the shard as reported (the first sharded report fixes the run's shard count) and
 * returns whether every shard has now reported. A report that names no shard completes an
 * unsharded run; a sharded run needs to know which shard spoke.
 */
async function countShard(db: Kysely<Database>, run: Run, report: ReportOptions, now: Date) {
  const { shard } = report;
  const total = run.shard_total;
  const unmapped = report.unmappedFailed ?? 0;
  if (!shard) {
    if (total === null) {
      // Shard 0 holds an unsharded run's reports: each adds its unmapped failures.
      await db
        .insertInto("run_shards")
        .values({ run_id: run.id, shard: 0, reported_at: now.toISOString(), unmapped_failed: unmapped })
        .onConflict((oc) =>
          oc.columns(["run_id", "shard"]).doUpdateSet((eb) => ({
            reported_at: now.toISOString(),
            unmapped_failed: eb("run_shards.unmapped_failed", "+", unmapped),
          })),
        )
        .execute();
      return { total: null, complete: true };
    }
    throw new ApiError(
      "CONFLICT",
      `run ${run.id} reports in ${total} shards: name the shard (?shard=I/${total}, or "shard" in the body)`,
    );
  }
  if (total !== null && total !== shard.total) {
    throw new ApiError(
      "CONFLICT",
      `run ${run.id} reports in ${total} shards, not ${shard.total}: shard ${shard.index}/${shard.total} does not fit`,
    );
  }
  if (total === null) {
    await db.updateTable("runs").set({ shard_total: shard.total }).where("id", "=", run.id).execute();
  }
  // A shard that reports again (a re-run) replaces what it said.
  await db
    .insertInto("run_shards")
    .values({ run_id: run.id, shard: shard.index, reported_at: now.toISOString(), unmapped_failed: unmapped })
    .onConflict((oc) =>
      oc
        .columns(["run_id", "shard"])
        .doUpdateSet({ reported_at: now.toISOString(), unmapped_failed: unmapped }),
    )
    .execute();
  const reported = await reportedShards(db, run.id);
  return { total: shard.total, complete: reported.length >= shard.total };
}

/** A run still waiting for shards is running (a pending selection starts running with its first report). */
function waitingStatus(current: RunStatus): RunStatus {
  return current === "incomplete" ? "incomplete" : "running";
}

const EVENT_OF: Partial<Record<RunStatus, "run.started" | "run.passed" | "run.failed">> = {
  running: "run.started",
  passed: "run.passed",
  failed: "run.failed",
};

/** Run inside a transaction: results, status and the event are one change. */
export async function recordResults(
  db: Kysely<Database>,
  orgId: string,
  runId: string,
  results: TestResult[],
  now: Date,
  report: ReportOptions = {},
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
  const shards = await countShard(db, run, report, now);
  await upsertResults(db, runId, results);
  await recordFileDurations(db, run, results, now);
  // Flaky tests are found and quarantined here, so the status and its event already know them.
  await observeFlaky(db, run, now);
  const quarantined = await quarantineFailures(db, run);
  const measured = await statusFromResults(db, runId, quarantined);
  // A run that selected nothing passed when it was decided; its shards' empty reports keep it so.
  const complete = shards.complete || run.tests_selected === 0;
  const status = complete ? measured.status : waitingStatus(run.status);
  const updated: Run = {
    ...run,
    status,
    shard_total: shards.total,
    updated_at: now.toISOString(),
  };
  await db
    .updateTable("runs")
    .set({ status, updated_at: updated.updated_at })
    .where("id", "=", runId)
    .execute();
  const event = EVENT_OF[status];
  if (status !== run.status && event) await enqueueRunEvent(db, orgId, event, updated, now);
  return updated;
}
