import type { Kysely } from "kysely";
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

/** Flaky tests of the organization's repositories, most flaky first, with their run counts. */
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
  const out: FlakyTest[] = [];
  for (const row of flaky) {
    const counts = await db
      .selectFrom("results")
      .innerJoin("runs", "runs.id", "results.run_id")
      .select((eb) => [
        eb.fn.count<number | string>("results.run_id").as("runs"),
        eb.fn
          .count<number | string>("results.run_id")
          .filterWhere("results.outcome", "=", "failed")
          .as("failures"),
      ])
      .where("runs.repo_id", "=", row.repo_id)
      .where("results.test_path", "=", row.test_path)
      .where("results.outcome", "in", ["passed", "failed"])
      .executeTakeFirst();
    const last = await db
      .selectFrom("flaky_observations")
      .select("commit_sha")
      .where("repo_id", "=", row.repo_id)
      .where("test_path", "=", row.test_path)
      .orderBy("seen_at", "desc")
      .orderBy("commit_sha")
      .executeTakeFirstOrThrow();
    out.push({
      repo_id: row.repo_id,
      test_path: row.test_path,
      flaky_commits: toNumber(row.flaky_commits),
      failures: toNumber(counts?.failures),
      runs: toNumber(counts?.runs),
      last_seen_at: String(row.last_seen_at),
      last_commit_sha: last.commit_sha,
    });
  }
  return out.sort(
    (a, b) =>
      b.flaky_commits - a.flaky_commits ||
      b.last_seen_at.localeCompare(a.last_seen_at) ||
      a.test_path.localeCompare(b.test_path),
  );
}
