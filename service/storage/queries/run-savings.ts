import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import type { Run } from "../storage.js";

/** How far back a skipped test's duration is looked for; older runs rarely price it better. */
export const PRICING_RUNS = 50;

/**
 * Prices the run's skipped tests at each one's newest duration in the repository's last
 * PRICING_RUNS finished runs before it, else the duration uploaded from local state; a test never
 * measured counts nothing. Stored per run (replaced when results are reported again), so a period's
 * time saved is one sum. Runs inside the results transaction.
 */
export async function recordRunSavings(db: Kysely<Database>, run: Run): Promise<void> {
  const skipped = db
    .selectFrom("decisions")
    .select("test_path")
    .where("run_id", "=", run.id)
    .where("selected", "=", 0);
  const recent = await db
    .selectFrom("runs")
    .select("id")
    .where("repo_id", "=", run.repo_id)
    .where("created_at", "<", run.created_at)
    .where("status", "in", ["passed", "failed"])
    .orderBy("created_at", "desc")
    .limit(PRICING_RUNS)
    .execute();
  const order = new Map(recent.map((r, i) => [r.id, i]));
  const measured =
    recent.length === 0
      ? []
      : await db
          .selectFrom("results")
          .select(["run_id", "test_path", "duration_ms"])
          .where(
            "run_id",
            "in",
            recent.map((r) => r.id),
          )
          .where("outcome", "!=", "skipped")
          .where("test_path", "in", skipped)
          .execute();
  const newest = new Map<string, { rank: number; ms: number }>();
  for (const row of measured) {
    const rank = order.get(row.run_id)!;
    const prior = newest.get(row.test_path);
    if (!prior || rank < prior.rank) newest.set(row.test_path, { rank, ms: row.duration_ms });
  }
  const uploaded = await db
    .selectFrom("test_durations")
    .select(["test_path", "duration_ms"])
    .where("repo_id", "=", run.repo_id)
    .where("test_path", "in", skipped)
    .execute();
  const price = new Map(uploaded.map((row) => [row.test_path, row.duration_ms]));
  for (const [path, { ms }] of newest) price.set(path, ms);
  const tests = await skipped.execute();
  let skippedMs = 0;
  let priced = 0;
  for (const { test_path } of tests) {
    const ms = price.get(test_path);
    if (ms === undefined) continue;
    priced += 1;
    skippedMs += ms;
  }
  const row = {
    run_id: run.id,
    repo_id: run.repo_id,
    skipped_tests: tests.length,
    priced_tests: priced,
    skipped_ms: skippedMs,
  };
  await db
    .insertInto("run_savings")
    .values(row)
    .onConflict((oc) =>
      oc.column("run_id").doUpdateSet({
        skipped_tests: row.skipped_tests,
        priced_tests: row.priced_tests,
        skipped_ms: row.skipped_ms,
      }),
    )
    .execute();
}
