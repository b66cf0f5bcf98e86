import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";
import type { Run } from "../storage.js";

/** Keeps each test's newest duration: this run's results replace older runs' ones. */
async function keepLatestDurations(db: Kysely<Database>, run: Run): Promise<void> {
  await db
    .insertInto("latest_durations")
    .columns(["repo_id", "test_path", "duration_ms", "run_created_at"])
    .expression((eb) =>
      eb
        .selectFrom("results")
        .select((s) => [
          s.val(run.repo_id).as("repo_id"),
          "test_path",
          "duration_ms",
          s.val(run.created_at).as("run_created_at"),
        ])
        .where("run_id", "=", run.id)
        .where("outcome", "!=", "skipped"),
    )
    .onConflict((oc) =>
      oc
        .columns(["repo_id", "test_path"])
        .doUpdateSet((eb) => ({
          duration_ms: eb.ref("excluded.duration_ms"),
          run_created_at: eb.ref("excluded.run_created_at"),
        }))
        .where("latest_durations.run_created_at", "<=", (eb) => eb.ref("excluded.run_created_at")),
    )
    .execute();
}

/**
 * Prices the run's skipped tests at each one's newest duration reported with a run, else the
 * duration uploaded from local state; a test never measured counts nothing. Stored per run
 * (replaced when results are reported again), so a period's time saved is one sum. Runs inside the
 * results transaction; costs one lookup per test of the run, whatever the history.
 */
export async function recordRunSavings(db: Kysely<Database>, run: Run): Promise<void> {
  await keepLatestDurations(db, run);
  const row = await db
    .selectFrom("decisions as d")
    .leftJoin("latest_durations as l", (join) =>
      join.on("l.repo_id", "=", run.repo_id).onRef("l.test_path", "=", "d.test_path"),
    )
    .leftJoin("test_durations as t", (join) =>
      join.on("t.repo_id", "=", run.repo_id).onRef("t.test_path", "=", "d.test_path"),
    )
    .select((eb) => {
      const price = eb.fn.coalesce("l.duration_ms", "t.duration_ms");
      return [
        eb.fn.countAll<number | string>().as("skipped"),
        eb.fn.count<number | string>(price).as("priced"),
        eb.fn.sum<number | string | null>(price).as("ms"),
      ];
    })
    .where("d.run_id", "=", run.id)
    .where("d.selected", "=", 0)
    .executeTakeFirst();
  const savings = {
    skipped_tests: toNumber(row?.skipped),
    priced_tests: toNumber(row?.priced),
    skipped_ms: toNumber(row?.ms),
  };
  await db
    .insertInto("run_savings")
    .values({ run_id: run.id, repo_id: run.repo_id, ...savings })
    .onConflict((oc) => oc.column("run_id").doUpdateSet(savings))
    .execute();
}
