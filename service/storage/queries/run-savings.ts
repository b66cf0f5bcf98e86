import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";
import type { Run } from "../storage.js";

/**
 * The repository's fixed cost of a test command: in its newest run with a wall time and results,
 * the wall time less its files' durations. Reporters that know when the runner ran files report
 * the files without the command's start-up and teardown (action/run/batch-times.ts); older ones
 * spread all of it over the files, and then nothing is left over (0). Two indexed lookups.
 */
export async function fixedCostMs(db: Kysely<Database>, repoId: string): Promise<number> {
  const newest = await db
    .selectFrom("runs as r")
    .select(["r.id", "r.duration_ms"])
    .where("r.repo_id", "=", repoId)
    .where("r.duration_ms", "is not", null)
    .where((eb) =>
      eb.exists(eb.selectFrom("results as x").select("x.run_id").whereRef("x.run_id", "=", "r.id")),
    )
    .orderBy("r.created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!newest || newest.duration_ms === null) return 0;
  const files = await db
    .selectFrom("results")
    .select((eb) => eb.fn.sum<number | string | null>("duration_ms").as("ms"))
    .where("run_id", "=", newest.id)
    .executeTakeFirst();
  return Math.max(0, toNumber(newest.duration_ms) - toNumber(files?.ms));
}

/**
 * Prices the run's skipped tests at each one's newest measured duration (`test_durations`: files
 * reported with a run and durations uploaded from local state alike); a test never measured counts
 * nothing. A run that selected nothing also saved the command's fixed cost (`fixedCostMs`): its
 * job never started the runner; a run that selected anything paid it. Stored per run (replaced
 * when results are reported again), so a period's time saved is one sum. Runs inside the results
 * transaction; costs one lookup per test of the run, whatever the history.
 */
export async function recordRunSavings(db: Kysely<Database>, run: Run): Promise<void> {
  const row = await db
    .selectFrom("decisions as d")
    .leftJoin("test_durations as t", (join) =>
      join.on("t.repo_id", "=", run.repo_id).onRef("t.test_path", "=", "d.test_path"),
    )
    .select((eb) => {
      const price = eb.ref("t.duration_ms");
      return [
        eb.fn.countAll<number | string>().as("skipped"),
        eb.fn.count<number | string>(price).as("priced"),
        eb.fn.sum<number | string | null>(price).as("ms"),
      ];
    })
    .where("d.run_id", "=", run.id)
    .where("d.selected", "=", 0)
    .executeTakeFirst();
  const fixed =
    run.tests_selected === 0 && toNumber(row?.priced) > 0 ? await fixedCostMs(db, run.repo_id) : 0;
  const savings = {
    skipped_tests: toNumber(row?.skipped),
    priced_tests: toNumber(row?.priced),
    skipped_ms: toNumber(row?.ms) + fixed,
  };
  await db
    .insertInto("run_savings")
    .values({ run_id: run.id, repo_id: run.repo_id, ...savings })
    .onConflict((oc) => oc.column("run_id").doUpdateSet(savings))
    .execute();
}
