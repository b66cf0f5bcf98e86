import type { Kysely } from "kysely";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import { turnLoop } from "../loop-slices.js";
import { type EncodedCoverage, recordTexts } from "./coverage-encoding.js";
import type { CoverageStorage } from "./coverage-storage.js";
import type { CoverageRecordsTable, Database } from "./database-schema.js";
import { chunks, ROWS_PER_STATEMENT } from "./queries/chunks.js";
import { ownsRepo } from "./queries/repos.js";

/**
 * Records' bytes a statement: SQLite stores 256 KiB in a few milliseconds, and the loop turns
 * between statements (1 MiB held it 40-55 ms at a load of 10 on two cores).
 */
const BYTES_PER_STATEMENT = 256 * 1024;

/**
 * The records to store, as indexes into `encoded`, in statements of at most ROWS_PER_STATEMENT
 * rows and about BYTES_PER_STATEMENT of records. PostgreSQL refuses to upsert one key twice in a
 * statement: of two records for one test the last wins.
 */
function batches(encoded: EncodedCoverage, bytesOf: (i: number) => number): number[][] {
  const last = new Map<string, number>();
  encoded.tests.forEach((test, i) => {
    last.delete(test);
    last.set(test, i);
  });
  const out: number[][] = [];
  let batch: number[] = [];
  let bytes = 0;
  for (const i of last.values()) {
    if (
      batch.length === ROWS_PER_STATEMENT ||
      (batch.length > 0 && bytes + bytesOf(i) > BYTES_PER_STATEMENT)
    ) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(i);
    bytes += bytesOf(i);
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** Coverage records over the same Kysely database as the rest (see CoverageStorage). */
export class KyselyCoverage implements CoverageStorage {
  constructor(private readonly db: Kysely<Database>) {}

  async store(orgId: string, repoId: string, encoded: EncodedCoverage, now: Date): Promise<number> {
    const updatedAt = now.toISOString();
    const texts = recordTexts(encoded);
    const statements = batches(encoded, texts.bytes);
    return this.db.transaction().execute(async (trx) => {
      if (!(await ownsRepo(trx, orgId, repoId))) return 0;
      let stored = 0;
      for (const batch of statements) {
        // better-sqlite3 stores each statement synchronously: the loop turns between them (other
        // requests' queries wait for the connection, which the transaction holds, but the rest
        // of their work goes on). Still one transaction: a failure stores nothing. A statement's
        // texts are decoded only now, so the upload's strings never all live at once.
        await turnLoop();
        const rows = batch.map(
          (i): CoverageRecordsTable => ({
            repo_id: repoId,
            test_path: encoded.tests[i]!,
            commit_sha: encoded.commits[i]!,
            record: texts.text(i),
            updated_at: updatedAt,
          }),
        );
        await trx
          .insertInto("coverage_records")
          .values(rows)
          .onConflict((oc) =>
            oc.columns(["repo_id", "test_path"]).doUpdateSet((eb) => ({
              commit_sha: eb.ref("excluded.commit_sha"),
              record: eb.ref("excluded.record"),
              updated_at: eb.ref("excluded.updated_at"),
            })),
          )
          .execute();
        stored += rows.length;
      }
      return stored;
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
