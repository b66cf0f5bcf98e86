import type { Kysely } from "kysely";
import { type CoChangeStats, emptyCoChange } from "../../../selector/model/history.js";
import type { Database } from "../database-schema.js";
import { chunks } from "./chunks.js";
import { ensureRepoLearning } from "./learning.js";

/** The co-change rows of the given source files: all that history features look up for a change. */
export async function coChange(
  db: Kysely<Database>,
  repoId: string,
  files: readonly string[],
): Promise<CoChangeStats> {
  const stats = emptyCoChange();
  for (const part of chunks([...new Set(files)])) {
    const counts = await db
      .selectFrom("co_change_files")
      .select(["path", "commits"])
      .where("repo_id", "=", repoId)
      .where("path", "in", part)
      .execute();
    for (const row of counts) stats.fileCommits.set(row.path, row.commits);
    const pairs = await db
      .selectFrom("co_change_pairs")
      .select(["source_path", "test_path", "count"])
      .where("repo_id", "=", repoId)
      .where("source_path", "in", part)
      .execute();
    for (const row of pairs) {
      let tests = stats.pairs.get(row.source_path);
      if (!tests) {
        tests = new Map();
        stats.pairs.set(row.source_path, tests);
      }
      tests.set(row.test_path, row.count);
    }
  }
  return stats;
}

/** Run inside a transaction: an import replaces the repository's statistics as one change. */
export async function replaceCoChange(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  stats: CoChangeStats,
  commits: number,
  now: Date,
): Promise<void> {
  await ensureRepoLearning(db, orgId, repoId, now);
  await db.deleteFrom("co_change_pairs").where("repo_id", "=", repoId).execute();
  await db.deleteFrom("co_change_files").where("repo_id", "=", repoId).execute();
  const files = [...stats.fileCommits].map(([path, count]) => ({ repo_id: repoId, path, commits: count }));
  for (const part of chunks(files)) await db.insertInto("co_change_files").values(part).execute();
  const pairs = [...stats.pairs].flatMap(([source, tests]) =>
    [...tests].map(([test, count]) => ({ repo_id: repoId, source_path: source, test_path: test, count })),
  );
  for (const part of chunks(pairs)) await db.insertInto("co_change_pairs").values(part).execute();
  await db
    .updateTable("repo_learning")
    .set({ history_commits: commits, history_imported_at: now.toISOString(), updated_at: now.toISOString() })
    .where("repo_id", "=", repoId)
    .execute();
}
