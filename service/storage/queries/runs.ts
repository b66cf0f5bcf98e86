import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import { toDecision, toNumber, toRun } from "../row-mappers.js";
import type { NewRun, Run, RunDetail, RunFilter, StoredDecision } from "../storage.js";
import type { DecisionWriter } from "./decisions.js";
import { enqueueRunEvent } from "./outbox.js";

export async function insertRun(
  db: Kysely<Database>,
  writeDecisions: DecisionWriter,
  orgId: string,
  run: NewRun,
  decisions: StoredDecision[],
): Promise<void> {
  const { confidence_threshold, ...columns } = run;
  await db
    .insertInto("runs")
    .values({
      ...columns,
      org_id: orgId,
      threshold: confidence_threshold,
      duration_ms: null,
      updated_at: run.created_at,
    })
    .execute();
  await writeDecisions(db, run.id, decisions);
  if (run.status === "running") {
    await enqueueRunEvent(db, orgId, "run.started", toRunOf(orgId, run), new Date(run.created_at));
  }
}

/**
 * Removes and returns the oldest run queued for `run`'s commit, for the caller to insert `run` in
 * its place. On PostgreSQL the row is locked (others skip it), so two action runs starting at
 * once do not both adopt it.
 */
export async function takeQueuedRun(
  db: Kysely<Database>,
  engine: "sqlite" | "postgres",
  orgId: string,
  run: NewRun,
): Promise<{ id: string; created_at: string } | undefined> {
  const query = db
    .selectFrom("runs")
    .select(["id", "created_at"])
    .where("org_id", "=", orgId)
    .where("repo_id", "=", run.repo_id)
    .where("commit_sha", "=", run.commit_sha)
    .where("status", "=", "queued")
    .orderBy("created_at")
    .limit(1);
  const queued = await (engine === "postgres" ? query.forUpdate().skipLocked() : query).executeTakeFirst();
  if (!queued) return undefined;
  await db.deleteFrom("runs").where("id", "=", queued.id).execute();
  return queued;
}

function toRunOf(_orgId: string, run: NewRun): Run {
  return { ...run, duration_ms: null, updated_at: run.created_at };
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

export async function getRunDetail(
  db: Kysely<Database>,
  orgId: string,
  id: string,
): Promise<RunDetail | undefined> {
  const run = await findRun(db, orgId, id);
  if (!run) return undefined;
  const decisions = await db
    .selectFrom("decisions")
    .selectAll()
    .where("run_id", "=", id)
    .orderBy("test_path")
    .execute();
  const results = await db
    .selectFrom("results")
    .select(["test_path", "outcome", "duration_ms"])
    .where("run_id", "=", id)
    .orderBy("test_path")
    .execute();
  return { ...run, decisions: decisions.map(toDecision), results };
}

export async function listRuns(db: Kysely<Database>, orgId: string, filter: RunFilter) {
  let query = db.selectFrom("runs").where("org_id", "=", orgId);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.repoId) query = query.where("repo_id", "=", filter.repoId);
  const counted = await query.select((eb) => eb.fn.countAll().as("total")).executeTakeFirst();
  const rows = await query
    .selectAll()
    // Same-millisecond runs still come back in a stable order.
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.perPage)
    .offset((filter.page - 1) * filter.perPage)
    .execute();
  return { runs: rows.map(toRun), total: toNumber(counted?.total as string | number | undefined) };
}
