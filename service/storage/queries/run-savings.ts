import { type Kysely, PostgresAdapter, sql } from "kysely";
import { turnLoop } from "../../loop-slices.js";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";
import type { Run } from "../storage.js";
import { readSkippedPaths } from "./decisions.js";
import { NO_USAGE, type UsageDelta } from "./usage-counters.js";

/**
 * The skipped paths, one JSON parameter, joined to each one's newest duration on its primary key.
 * On SQLite the paths must be the outer loop, which only CROSS JOIN guarantees: left to itself the
 * planner walked the repository's durations outside and scanned the whole JSON array once per row
 * (json_each cannot be searched by value), so 100,000 skips against 5,000 durations took 24 s.
 * PostgreSQL hashes the array and accepts no ON after CROSS JOIN.
 */
export function pricedSkipsQuery(postgres: boolean, repoId: string, skipped: string) {
  const paths = postgres
    ? sql`json_array_elements_text(${skipped}::json) as j(value) join`
    : sql`json_each(${skipped}) as j cross join`;
  return sql<{ priced: number | string; ms: number | string | null }>`select count(t.duration_ms) as priced,
      sum(t.duration_ms) as ms
    from ${paths} test_durations t on t.repo_id = ${repoId} and t.test_path = j.value`;
}

/**
 * Skipped paths priced a statement. On SQLite a statement holds the event loop: 100,000 skips in
 * one held it 50 ms at a load of 5 on two cores; the loop turns between statements.
 */
export const PATHS_PER_STATEMENT = 10_000;

/** How many of `paths` have a duration, and their sum. */
async function pricedSkips(db: Kysely<Database>, repoId: string, paths: readonly string[]) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let priced = 0;
  let ms = 0;
  for (let from = 0; from < paths.length; from += PATHS_PER_STATEMENT) {
    if (from > 0) await turnLoop();
    const part = JSON.stringify(paths.slice(from, from + PATHS_PER_STATEMENT));
    const row = (await pricedSkipsQuery(postgres, repoId, part).execute(db)).rows[0];
    priced += toNumber(row?.priced);
    ms += toNumber(row?.ms);
  }
  return { priced, ms };
}

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
 * when results are reported again), so a period's time saved is one sum; returns what changed,
 * for the organization's usage counters. Runs inside the run's or the results' transaction; costs
 * one lookup per skipped test, whatever the history. `skipped`: the skipped paths when the caller
 * has them (a run being stored), else they are read.
 */
export async function recordRunSavings(
  db: Kysely<Database>,
  run: Run,
  skipped?: readonly string[],
): Promise<UsageDelta> {
  const paths = skipped ?? (await readSkippedPaths(db, run.id));
  const priced = await pricedSkips(db, run.repo_id, paths);
  const fixed =
    run.tests_selected === 0 && toNumber(priced?.priced) > 0 ? await fixedCostMs(db, run.repo_id) : 0;
  const savings = {
    skipped_tests: paths.length,
    priced_tests: toNumber(priced?.priced),
    skipped_ms: toNumber(priced?.ms) + fixed,
  };
  const before = await db
    .selectFrom("run_savings")
    .select(["skipped_tests", "priced_tests", "skipped_ms"])
    .where("run_id", "=", run.id)
    .executeTakeFirst();
  await db
    .insertInto("run_savings")
    .values({ run_id: run.id, repo_id: run.repo_id, ...savings })
    .onConflict((oc) => oc.column("run_id").doUpdateSet(savings))
    .execute();
  const unmeasured = (s: typeof savings) => toNumber(s.skipped_tests) - toNumber(s.priced_tests);
  return {
    ...NO_USAGE,
    skipped_ms: savings.skipped_ms - toNumber(before?.skipped_ms),
    skipped_unmeasured: unmeasured(savings) - (before ? unmeasured(before) : 0),
  };
}
