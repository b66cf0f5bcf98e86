import type { Kysely } from "kysely";
import { LoopSlices } from "../../loop-slices.js";
import type { Database } from "../database-schema.js";
import type { Run, TestResult } from "../storage.js";

const ROWS_PER_STATEMENT = 500;

export interface FileDurationRow {
  repo_id: string;
  test_path: string;
  duration_ms: number;
  measured_at: string;
  commit_sha: string;
}

/**
 * Upserts each test file's duration into `test_durations`, the repository's newest measurement per
 * test (a newer or equal `measured_at` wins); answers how many rows changed.
 */
export async function upsertFileDurations(
  db: Kysely<Database>,
  rows: readonly FileDurationRow[],
): Promise<number> {
  let stored = 0;
  // The loop turns between statements, as for results (queries/results.ts).
  const slices = new LoopSlices();
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await slices.pause();
    const result = await db
      .insertInto("test_durations")
      .values(rows.slice(i, i + ROWS_PER_STATEMENT))
      .onConflict((oc) =>
        oc
          .columns(["repo_id", "test_path"])
          .doUpdateSet((eb) => ({
            duration_ms: eb.ref("excluded.duration_ms"),
            measured_at: eb.ref("excluded.measured_at"),
            commit_sha: eb.ref("excluded.commit_sha"),
          }))
          .where("test_durations.measured_at", "<=", (eb) => eb.ref("excluded.measured_at")),
      )
      .executeTakeFirst();
    stored += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return stored;
}

/**
 * A run's results are measurements too: each file that ran (not skipped) becomes its test's
 * newest duration, beside those uploaded from `.git/superplane/`, so time saved and the action's
 * estimate read one table.
 */
export async function recordFileDurations(
  db: Kysely<Database>,
  run: Pick<Run, "repo_id" | "commit_sha">,
  results: readonly TestResult[],
  now: Date,
): Promise<void> {
  const measured_at = now.toISOString();
  const rows = results
    .filter((r) => r.outcome !== "skipped")
    .map((r) => ({
      repo_id: run.repo_id,
      test_path: r.test_path,
      duration_ms: r.duration_ms,
      measured_at,
      commit_sha: run.commit_sha,
    }));
  // Sorted: two replicas upserting overlapping rows take PostgreSQL's row locks in one order.
  rows.sort((a, b) => (a.test_path < b.test_path ? -1 : a.test_path > b.test_path ? 1 : 0));
  await upsertFileDurations(db, rows);
}
