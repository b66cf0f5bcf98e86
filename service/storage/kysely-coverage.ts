import type { Kysely } from "kysely";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import type { CoverageStorage } from "./coverage-storage.js";
import type { CoverageRecordsTable, Database } from "./database-schema.js";
import { chunks, ROWS_PER_STATEMENT } from "./queries/chunks.js";
import { ownsRepo } from "./queries/repos.js";

/** A statement's text well below what either engine takes in one message. */
const BYTES_PER_STATEMENT = 8 * 1024 * 1024;

/** Rows in statements of at most ROWS_PER_STATEMENT rows and about BYTES_PER_STATEMENT of records. */
function batches(rows: readonly CoverageRecordsTable[]): CoverageRecordsTable[][] {
  const out: CoverageRecordsTable[][] = [];
  let batch: CoverageRecordsTable[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (
      batch.length === ROWS_PER_STATEMENT ||
      (batch.length > 0 && bytes + row.record.length > BYTES_PER_STATEMENT)
    ) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += row.record.length;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** Coverage records over the same Kysely database as the rest (see CoverageStorage). */
export class KyselyCoverage implements CoverageStorage {
  constructor(private readonly db: Kysely<Database>) {}

  async store(
    orgId: string,
    repoId: string,
    commitSha: string,
    records: readonly CoverageRecord[],
    now: Date,
  ): Promise<number> {
    // PostgreSQL refuses to upsert one key twice in a statement: the last record of a test wins.
    const byTest = new Map<string, CoverageRecord>();
    for (const record of records) {
      byTest.delete(record.test);
      byTest.set(record.test, record);
    }
    const updatedAt = now.toISOString();
    const rows = [...byTest.values()].map((record): CoverageRecordsTable => {
      const commit = record.commit ?? commitSha;
      return {
        repo_id: repoId,
        test_path: record.test,
        commit_sha: commit,
        record: JSON.stringify({ version: record.version, test: record.test, commit, files: record.files }),
        updated_at: updatedAt,
      };
    });
    return this.db.transaction().execute(async (trx) => {
      if (!(await ownsRepo(trx, orgId, repoId))) return 0;
      for (const batch of batches(rows)) {
        await trx
          .insertInto("coverage_records")
          .values(batch)
          .onConflict((oc) =>
            oc.columns(["repo_id", "test_path"]).doUpdateSet((eb) => ({
              commit_sha: eb.ref("excluded.commit_sha"),
              record: eb.ref("excluded.record"),
              updated_at: eb.ref("excluded.updated_at"),
            })),
          )
          .execute();
      }
      return rows.length;
    });
  }

  async latest(orgId: string, repoId: string, tests: readonly string[]): Promise<CoverageRecord[]> {
    const wanted = [...new Set(tests)];
    if (wanted.length === 0 || !(await ownsRepo(this.db, orgId, repoId))) return [];
    const found = new Map<string, CoverageRecord>();
    for (const part of chunks(wanted)) {
      const rows = await this.db
        .selectFrom("coverage_records")
        .select(["test_path", "record"])
        .where("repo_id", "=", repoId)
        .where("test_path", "in", part)
        .execute();
      for (const row of rows) found.set(row.test_path, JSON.parse(row.record) as CoverageRecord);
    }
    return wanted.flatMap((test) => found.get(test) ?? []);
  }

  async forget(orgId: string, repoId: string): Promise<number> {
    const result = await this.db
      .deleteFrom("coverage_records")
      .where("repo_id", "=", repoId)
      .where("repo_id", "in", (eb) => eb.selectFrom("repos").select("id").where("org_id", "=", orgId))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
