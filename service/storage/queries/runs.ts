import { type Kysely, sql } from "kysely";
import type { Database } from "../database-schema.js";
import { toDecision, toNumber, toRun } from "../row-mappers.js";
import type { NewRun, Run, RunDetail, RunFilter, StoredDecision } from "../storage.js";
import { enqueueRunEvent } from "./outbox.js";

/**
 * Every decision of a run in one statement with one parameter: the rows travel as a JSON array of
 * tuples that the database unpacks itself. A run of 5,000 tests as multi-row VALUES meant 30,000
 * bound parameters, five statements and most of the request's time spent building them.
 */
export async function insertDecisions(
  db: Kysely<Database>,
  engine: "sqlite" | "postgres",
  runId: string,
  decisions: StoredDecision[],
): Promise<void> {
  if (decisions.length === 0) return;
  const tuples = JSON.stringify(
    decisions.map((d) => [d.test_path, d.selected ? 1 : 0, d.confidence, d.reasons, d.features]),
  );
  // Reasons and features stay JSON text, as every other code path stores them.
  const query =
    engine === "postgres"
      ? sql`insert into decisions (run_id, test_path, selected, confidence, reasons, features)
          select ${runId}, d->>0, (d->>1)::integer, (d->>2)::double precision, (d->3)::text, (d->4)::text
          from json_array_elements(${tuples}::json) as d`
      : sql`insert into decisions (run_id, test_path, selected, confidence, reasons, features)
          select ${runId}, value->>0, value->>1, value->>2, value->3, value->4
          from json_each(${tuples})`;
  await query.execute(db);
}

export async function insertRun(
  db: Kysely<Database>,
  engine: "sqlite" | "postgres",
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
  await insertDecisions(db, engine, run.id, decisions);
  if (run.status === "running") {
    await enqueueRunEvent(db, orgId, "run.started", toRunOf(orgId, run), new Date(run.created_at));
  }
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
