import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";
import type { Run } from "../storage.js";

/**
 * Prices the run's skipped tests at each one's newest measured duration (`test_durations`: files
 * reported with a run and durations uploaded from local state alike); a test never measured counts
 * nothing. Stored per run (replaced when results are reported again), so a period's time saved is
 * one sum. Runs inside the results transaction; costs one lookup per test of the run, whatever the
 * history.
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
