import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import type { DecisionRecord } from "../decision-record.js";
import { toNumber, toRun } from "../row-mappers.js";
import type { NewRun, Run, RunDetail, RunFilter } from "../storage.js";
import { readDecisions, writeDecisions } from "./decisions.js";
import { newestFirstPage } from "./newest-first-page.js";
import { enqueueRunEvent } from "./outbox.js";
import { addDeltas, NO_USAGE, runUsage, type UsageDelta } from "./usage-counters.js";

/**
 * Stores the run and its decisions (their record's parts, encoded before the transaction), or, when another shard of the same CI run stored it first,
 * nothing: the caller reads that run (false). A run made `passed` (nothing to run) fires
 * `run.passed` at once, a `running` one `run.started`.
 */
export async function insertRun(
  db: Kysely<Database>,
  orgId: string,
  run: NewRun,
  decisions: readonly DecisionRecord[] | undefined,
): Promise<boolean> {
  const { confidence_threshold, ...columns } = run;
  const inserted = await db
    .insertInto("runs")
    .values({
      ...columns,
      org_id: orgId,
      threshold: confidence_threshold,
      duration_ms: run.status === "passed" ? 0 : null,
      updated_at: run.created_at,
      ...contextOf(run),
      shard_group: run.shard_group ?? null,
    })
    .onConflict((oc) => oc.columns(["repo_id", "shard_group"]).doNothing())
    .executeTakeFirst();
  if (inserted.numInsertedOrUpdatedRows === 0n) return false;
  await writeDecisions(db, run.id, decisions);
  const stored = toRunOf(run);
  if (run.status === "running") {
    await enqueueRunEvent(db, orgId, "run.started", stored, new Date(run.created_at));
  } else if (run.status === "passed") {
    await enqueueRunEvent(db, orgId, "run.passed", stored, new Date(run.created_at));
  }
  return true;
}

/** The run's origin, null where the CI did not say. */
export function contextOf(run: NewRun) {
  return {
    branch: run.branch ?? null,
    pull_request: run.pull_request ?? null,
    event: run.event ?? null,
    actor: run.actor ?? null,
    ci_run_url: run.ci_run_url ?? null,
    shard_total: run.shard_total ?? null,
  };
}

export function toRunOf(run: NewRun): Run {
  const { shard_group: _group, ...rest } = run;
  const duration_ms = run.status === "passed" ? 0 : null;
  return { ...rest, ...contextOf(run), duration_ms, updated_at: run.created_at };
}

/**
 * Removes and returns the oldest run queued for `run`'s commit (or the one with `id`, when a
 * workflow_dispatch named it), for the caller to insert `run` in its place, with the usage it
 * counted taken back. On PostgreSQL the row is locked (others skip it), so two action runs
 * starting at once do not both adopt it.
 */
export async function takeQueuedRun(
  db: Kysely<Database>,
  engine: "sqlite" | "postgres",
  orgId: string,
  run: NewRun,
  adopt: { id?: string; since: Date },
): Promise<{ id: string; created_at: string; usage: UsageDelta } | undefined> {
  let query = db
    .selectFrom("runs")
    .select(["id", "created_at", "mode", "tests_total", "tests_selected"])
    .where("org_id", "=", orgId)
    .where("repo_id", "=", run.repo_id)
    .where("commit_sha", "=", run.commit_sha)
    .where("status", "=", "queued")
    // Queued runs never change until adopted: updated_at is when they were queued.
    .where("updated_at", ">=", adopt.since.toISOString())
    .orderBy("created_at")
    .limit(1);
  if (adopt.id !== undefined) query = query.where("id", "=", adopt.id);
  const queued = await (engine === "postgres" ? query.forUpdate().skipLocked() : query).executeTakeFirst();
  if (!queued) return undefined;
  const savings = await db
    .selectFrom("run_savings")
    .select(["skipped_tests", "priced_tests", "skipped_ms"])
    .where("run_id", "=", queued.id)
    .executeTakeFirst();
  await db.deleteFrom("runs").where("id", "=", queued.id).execute();
  const priced = savings
    ? {
        ...NO_USAGE,
        skipped_ms: -toNumber(savings.skipped_ms),
        skipped_unmeasured: toNumber(savings.priced_tests) - toNumber(savings.skipped_tests),
      }
    : NO_USAGE;
  return {
    id: queued.id,
    created_at: queued.created_at,
    usage: addDeltas(runUsage(queued, -1), priced),
  };
}

export async function findRun(db: Kysely<Database>, orgId: string, id: string): Promise<Run | undefined> {
  const row = await db
    .selectFrom("runs")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toRun(row) : undefined;
}

export async function findShardGroup(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  group: string,
): Promise<RunDetail | undefined> {
  const row = await db
    .selectFrom("runs")
    .select("id")
    .where("org_id", "=", orgId)
    .where("repo_id", "=", repoId)
    .where("shard_group", "=", group)
    .executeTakeFirst();
  return row ? getRunDetail(db, orgId, row.id) : undefined;
}

export async function reportedShards(db: Kysely<Database>, runId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("run_shards")
    .select("shard")
    .where("run_id", "=", runId)
    .where("shard", ">", 0)
    .orderBy("shard")
    .execute();
  return rows.map((row) => Number(row.shard));
}

export async function getRunDetail(
  db: Kysely<Database>,
  orgId: string,
  id: string,
): Promise<RunDetail | undefined> {
  const run = await findRun(db, orgId, id);
  if (!run) return undefined;
  const decisions = await readDecisions(db, id);
  const rows = await db
    .selectFrom("results")
    .select(["test_path", "outcome", "duration_ms", "message"])
    .where("run_id", "=", id)
    .orderBy("test_path")
    .execute();
  const results = rows.map(({ message, ...result }) => (message === null ? result : { ...result, message }));
  const shards_reported = await reportedShards(db, id);
  return { ...run, decisions, results, shards_reported };
}

export async function listRuns(db: Kysely<Database>, orgId: string, filter: RunFilter) {
  let query = db.selectFrom("runs").where("org_id", "=", orgId);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.repoId) query = query.where("repo_id", "=", filter.repoId);
  if (filter.branch) query = query.where("branch", "=", filter.branch);
  if (filter.pullRequest !== undefined) query = query.where("pull_request", "=", filter.pullRequest);
  const { rows, total } = await newestFirstPage(query, filter);
  return { runs: rows.map(toRun), total };
}

/**
 * `running` runs that heard nothing (no report, no shard) since `before.running` become
 * `incomplete`: a shard that died or a job that never reported leaves the run neither passed nor
 * failed. A late report still completes it (recordResults). So do `queued` runs queued before
 * `before.queued`: no action run came for them, and none will adopt them now (takeQueuedRun). A
 * dispatch still pending for one is not needed any more. Run in a transaction.
 */
export async function expireRuns(
  db: Kysely<Database>,
  orgId: string,
  before: { running: Date; queued: Date },
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const expire = (status: "running" | "queued") =>
    db
      .updateTable("runs")
      .set({ status: "incomplete", updated_at: at })
      .where("org_id", "=", orgId)
      .where("status", "=", status)
      .where("updated_at", "<", before[status].toISOString());
  const stale = await expire("running").executeTakeFirst();
  const expired = await expire("queued").returning("id").execute();
  if (expired.length > 0) {
    await db
      .updateTable("run_dispatches")
      .set({
        status: "skipped",
        finished_at: at,
        last_error: "not dispatched: the run expired, queued longer than the queued-run timeout",
        locked_by: null,
        locked_until: null,
      })
      .where(
        "run_id",
        "in",
        expired.map((run) => run.id),
      )
      .where("status", "=", "pending")
      .execute();
  }
  return Number(stale.numUpdatedRows) + expired.length;
}
