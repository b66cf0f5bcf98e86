import { type Kysely, sql } from "kysely";
import type { Shadow } from "../../../selector/model/canary.js";
import type { CanaryOutcome } from "../../insights/measured-safety.js";
import type { ResultRow } from "../../insights/test-metrics.js";
import type { DayTotals } from "../../insights/time-buckets.js";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";
import { flakyPaths } from "./flaky.js";

/** A half-open time range [from, to) of ISO timestamps. */
export interface Range {
  from: string;
  to: string;
}

type Count = number | string;

/** The repository's runs summed per UTC day (days without runs are absent). */
export async function daysOf(db: Kysely<Database>, repoId: string, range: Range): Promise<DayTotals[]> {
  const day = sql<string>`substr(${sql.ref("r.created_at")}, 1, 10)`;
  const rows = await db
    .selectFrom("runs as r")
    .leftJoin("run_savings as s", "s.run_id", "r.id")
    .select((eb) => [
      day.as("day"),
      eb.fn.countAll<Count>().as("runs"),
      eb.fn.count<Count>("r.id").filterWhere("r.status", "=", "passed").as("passed"),
      eb.fn.count<Count>("r.id").filterWhere("r.status", "=", "failed").as("failed"),
      eb.fn.count<Count>("r.id").filterWhere("r.mode", "=", "selective").as("selective_runs"),
      eb.fn.sum<Count>("r.tests_selected").as("tests_selected"),
      eb.fn.sum<Count>("r.tests_total").as("tests_total"),
      eb.fn.sum<Count>("s.skipped_ms").as("time_saved_ms"),
    ])
    .where("r.repo_id", "=", repoId)
    .where("r.created_at", ">=", range.from)
    .where("r.created_at", "<", range.to)
    .groupBy(day)
    .orderBy(day)
    .execute();
  return rows.map((row) => ({
    day: row.day,
    runs: toNumber(row.runs),
    passed: toNumber(row.passed),
    failed: toNumber(row.failed),
    selective_runs: toNumber(row.selective_runs),
    tests_selected: toNumber(row.tests_selected),
    tests_total: toNumber(row.tests_total),
    time_saved_ms: toNumber(row.time_saved_ms),
  }));
}

/** The repository's canary full runs in the range that have results, with their failing tests. */
export async function canaryOutcomes(
  db: Kysely<Database>,
  repoId: string,
  range: Range,
): Promise<CanaryOutcome[]> {
  const canaries = db
    .selectFrom("run_learning")
    .where("repo_id", "=", repoId)
    .where("is_canary", "=", 1)
    .where("learned", "=", 1)
    .where("created_at", ">=", range.from)
    .where("created_at", "<", range.to);
  const rows = await canaries.select(["run_id", "shadows"]).orderBy("created_at").execute();
  if (rows.length === 0) return [];
  const failed = await db
    .selectFrom("results")
    .select(["run_id", "test_path"])
    .where("outcome", "=", "failed")
    .where("run_id", "in", canaries.select("run_id"))
    .execute();
  const failedBy = new Map<string, string[]>();
  for (const row of failed) failedBy.set(row.run_id, [...(failedBy.get(row.run_id) ?? []), row.test_path]);
  const flaky = await flakyPaths(db, repoId);
  return rows.map((row) => ({
    run_id: row.run_id,
    shadows: JSON.parse(row.shadows) as Shadow[],
    failed: failedBy.get(row.run_id) ?? [],
    flaky,
  }));
}

/** Every result of the repository's newest `runs` finished runs in the range, with each run's commit. */
export async function resultRows(
  db: Kysely<Database>,
  repoId: string,
  range: Range,
  runs: number,
): Promise<{ runs: number; rows: ResultRow[] }> {
  const newest = await db
    .selectFrom("runs")
    .select(["id", "commit_sha"])
    .where("repo_id", "=", repoId)
    .where("status", "in", ["passed", "failed"])
    .where("created_at", ">=", range.from)
    .where("created_at", "<", range.to)
    .orderBy("created_at", "desc")
    .limit(runs)
    .execute();
  if (newest.length === 0) return { runs: 0, rows: [] };
  const commitOf = new Map(newest.map((r) => [r.id, r.commit_sha]));
  const rows = await db
    .selectFrom("results")
    .select(["run_id", "test_path", "outcome", "duration_ms"])
    .where(
      "run_id",
      "in",
      newest.map((r) => r.id),
    )
    .execute();
  return {
    runs: newest.length,
    rows: rows.map((row) => ({
      test_path: row.test_path,
      outcome: row.outcome,
      duration_ms: row.duration_ms,
      commit_sha: commitOf.get(row.run_id)!,
    })),
  };
}
