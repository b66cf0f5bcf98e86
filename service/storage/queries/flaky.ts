import { type Kysely, sql } from "kysely";
import type { Database } from "../database-schema.js";
import type { FlakyTest } from "../learning-storage.js";
import { toNumber } from "../row-mappers.js";
import type { Run } from "../storage.js";

/**
 * Records every test of the run whose outcome differs from another run of the same commit (passed
 * in one, failed in the other): flaky. Idempotent per (test, commit), so a retried report counts
 * nothing twice.
 */
export async function observeFlaky(db: Kysely<Database>, run: Run, now: Date): Promise<void> {
  const rows = await db
    .selectFrom("results as cur")
    .innerJoin("runs as o", (join) =>
      join.on("o.repo_id", "=", run.repo_id).on("o.commit_sha", "=", run.commit_sha).on("o.id", "<>", run.id),
    )
    .innerJoin("results as other", (join) =>
      join.onRef("other.run_id", "=", "o.id").onRef("other.test_path", "=", "cur.test_path"),
    )
    .select("cur.test_path")
    .distinct()
    .where("cur.run_id", "=", run.id)
    .where("cur.outcome", "in", ["passed", "failed"])
    .where("other.outcome", "in", ["passed", "failed"])
    .whereRef("other.outcome", "<>", "cur.outcome")
    .execute();
  if (rows.length === 0) return;
  await db
    .insertInto("flaky_observations")
    .values(
      rows.map((row) => ({
        repo_id: run.repo_id,
        test_path: row.test_path,
        commit_sha: run.commit_sha,
        seen_at: now.toISOString(),
      })),
    )
    .onConflict((oc) => oc.columns(["repo_id", "test_path", "commit_sha"]).doNothing())
    .execute();
}

/**
 * With `flaky.quarantine` in the run's policy, the run's failures of known flaky tests are stored
 * as quarantined and returned: they are reported but do not fail the run.
 */
export async function quarantineFailures(db: Kysely<Database>, run: Run): Promise<string[]> {
  const learning = await db
    .selectFrom("run_learning")
    .select("flaky")
    .where("run_id", "=", run.id)
    .executeTakeFirst();
  if (!learning || !(JSON.parse(learning.flaky) as { quarantine: boolean }).quarantine) return [];
  const rows = await db
    .selectFrom("results")
    .select("test_path")
    .where("run_id", "=", run.id)
    .where("outcome", "=", "failed")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("flaky_observations as f")
          .select("f.test_path")
          .where("f.repo_id", "=", run.repo_id)
          .whereRef("f.test_path", "=", "results.test_path"),
      ),
    )
    .orderBy("test_path")
    .execute();
  const quarantined = rows.map((row) => row.test_path);
  await db
    .updateTable("run_learning")
    .set({ quarantined: JSON.stringify(quarantined) })
    .where("run_id", "=", run.id)
    .execute();
  return quarantined;
}

export async function flakyPaths(db: Kysely<Database>, repoId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("flaky_observations")
    .select("test_path")
    .distinct()
    .where("repo_id", "=", repoId)
    .execute();
  return new Set(rows.map((row) => row.test_path));
}

export async function quarantined(db: Kysely<Database>, runId: string): Promise<string[]> {
  const row = await db
    .selectFrom("run_learning")
    .select("quarantined")
    .where("run_id", "=", runId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.quarantined) as string[]) : [];
}

/**
 * How far back a flaky test's runs and failures are counted: the newest runs of its repository. A
 * count over all history walked every result of every flaky test (0.6 s for 20 of them at 10,000
 * runs), too slow for a page; recent runs are also what a person deciding about the test wants.
 */
export const FLAKY_COUNT_RUNS = 500;
/** (run, test) pairs per statement: two parameters each, well within both engines' limits. */
const PAIRS_PER_STATEMENT = 2000;

/**
 * Runs and failures of `paths` in the repository's newest FLAKY_COUNT_RUNS runs, by path. Looked up
 * by (run, test) pairs, the results key, so the cost is runs times flaky tests, whatever the suite's size.
 */
async function recentCounts(db: Kysely<Database>, repoId: string, paths: readonly string[]) {
  const runs = await db
    .selectFrom("runs")
    .select("id")
    .where("repo_id", "=", repoId)
    .orderBy("created_at", "desc")
    .limit(FLAKY_COUNT_RUNS)
    .execute();
  const pairs = runs.flatMap((run) => paths.map((path) => sql`(${run.id}, ${path})`));
  const counts = new Map<string, { runs: number; failures: number }>();
  for (let i = 0; i < pairs.length; i += PAIRS_PER_STATEMENT) {
    const rows = await db
      .selectFrom("results")
      .select((eb) => [
        "test_path",
        eb.fn.countAll<number | string>().as("runs"),
        eb.fn.count<number | string>("run_id").filterWhere("outcome", "=", "failed").as("failures"),
      ])
      .where(
        sql<boolean>`(run_id, test_path) in (values ${sql.join(pairs.slice(i, i + PAIRS_PER_STATEMENT))})`,
      )
      .where("outcome", "in", ["passed", "failed"])
      .groupBy("test_path")
      .execute();
    for (const row of rows) {
      const prior = counts.get(row.test_path) ?? { runs: 0, failures: 0 };
      counts.set(row.test_path, {
        runs: prior.runs + toNumber(row.runs),
        failures: prior.failures + toNumber(row.failures),
      });
    }
  }
  return counts;
}

/** The newest commit each (repository, test) was seen flaky on. */
async function lastCommits(db: Kysely<Database>, orgId: string, repoId?: string) {
  let query = db
    .selectFrom("flaky_observations as f")
    .innerJoin("repos", "repos.id", "f.repo_id")
    .select(["f.repo_id", "f.test_path", "f.commit_sha", "f.seen_at"])
    .where("repos.org_id", "=", orgId)
    .orderBy("f.seen_at", "desc")
    .orderBy("f.commit_sha");
  if (repoId) query = query.where("f.repo_id", "=", repoId);
  const last = new Map<string, string>();
  for (const row of await query.execute()) {
    const key = `${row.repo_id}\0${row.test_path}`;
    if (!last.has(key)) last.set(key, row.commit_sha);
  }
  return last;
}

/** Flaky tests of the organization's repositories, most flaky first, with their recent run counts. */
export async function listFlaky(db: Kysely<Database>, orgId: string, repoId?: string): Promise<FlakyTest[]> {
  let query = db
    .selectFrom("flaky_observations as f")
    .innerJoin("repos", "repos.id", "f.repo_id")
    .select((eb) => [
      "f.repo_id",
      "f.test_path",
      eb.fn.count<number | string>("f.commit_sha").as("flaky_commits"),
      eb.fn.max("f.seen_at").as("last_seen_at"),
    ])
    .where("repos.org_id", "=", orgId)
    .groupBy(["f.repo_id", "f.test_path"]);
  if (repoId) query = query.where("f.repo_id", "=", repoId);
  const flaky = await query.execute();
  const last = await lastCommits(db, orgId, repoId);
  const counts = new Map<string, Map<string, { runs: number; failures: number }>>();
  for (const repo of new Set(flaky.map((row) => row.repo_id))) {
    const paths = flaky.filter((row) => row.repo_id === repo).map((row) => row.test_path);
    counts.set(repo, await recentCounts(db, repo, paths));
  }
  const out: FlakyTest[] = flaky.map((row) => {
    const count = counts.get(row.repo_id)?.get(row.test_path);
    return {
      repo_id: row.repo_id,
      test_path: row.test_path,
      flaky_commits: toNumber(row.flaky_commits),
      failures: count?.failures ?? 0,
      runs: count?.runs ?? 0,
      last_seen_at: String(row.last_seen_at),
      last_commit_sha: last.get(`${row.repo_id}\0${row.test_path}`)!,
    };
  });
  return out.sort(
    (a, b) =>
      b.flaky_commits - a.flaky_commits ||
      b.last_seen_at.localeCompare(a.last_seen_at) ||
      a.test_path.localeCompare(b.test_path),
  );
}
