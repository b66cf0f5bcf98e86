import type { Kysely } from "kysely";
import type { Database } from "./database-schema.js";

/** A test file's measured duration, uploaded from a job's local state. */
export interface StoredDuration {
  test_path: string;
  duration_ms: number;
  measured_at: string;
  commit_sha: string;
}

const ROWS_PER_STATEMENT = 500;

/**
 * Durations measured before the service was set up (a run's results keep their own): the
 * newest measurement of each test wins. Reads and writes only a repository of the organization.
 */
export class DurationStorage {
  constructor(private readonly db: Kysely<Database>) {}

  private async owns(orgId: string, repoId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("repos")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "=", repoId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Stores each duration newer than the test's stored one; answers how many. */
  async store(orgId: string, repoId: string, durations: readonly StoredDuration[]): Promise<number> {
    if (!(await this.owns(orgId, repoId))) return 0;
    const newest = new Map<string, StoredDuration>();
    for (const d of durations) {
      const prior = newest.get(d.test_path);
      if (!prior || prior.measured_at <= d.measured_at) newest.set(d.test_path, d);
    }
    const rows = [...newest.values()].map((d) => ({ repo_id: repoId, ...d }));
    let stored = 0;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const result = await trx
          .insertInto("test_durations")
          .values(rows.slice(i, i + ROWS_PER_STATEMENT))
          .onConflict((oc) =>
            oc
              .columns(["repo_id", "test_path"])
              .doUpdateSet((eb) => ({
                duration_ms: eb.ref("excluded.duration_ms"),
                measured_at: eb.ref("excluded.measured_at"),
                commit_sha: eb.ref("excluded.commit_sha"),
              }))
              .where("test_durations.measured_at", "<=", (eb) => eb.ref("excluded.measured_at")),
          )
          .executeTakeFirst();
        stored += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
    });
    return stored;
  }

  async list(orgId: string, repoId: string): Promise<StoredDuration[] | undefined> {
    if (!(await this.owns(orgId, repoId))) return undefined;
    return this.db
      .selectFrom("test_durations")
      .select(["test_path", "duration_ms", "measured_at", "commit_sha"])
      .where("repo_id", "=", repoId)
      .orderBy("test_path")
      .execute();
  }
}
