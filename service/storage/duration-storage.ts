import type { Kysely } from "kysely";
import type { Database } from "./database-schema.js";
import { upsertFileDurations } from "./queries/file-durations.js";
import { ownsRepo } from "./queries/repos.js";

/** A test file's measured duration, uploaded from a job's local state. */
export interface StoredDuration {
  test_path: string;
  duration_ms: number;
  measured_at: string;
  commit_sha: string;
}

/**
 * Each test file's newest measured duration: from the results runs report (recordResults writes
 * them here) and from uploads of what a job measured before the service was set up. The newest
 * measurement of each test wins. Reads and writes only a repository of the organization.
 */
export class DurationStorage {
  constructor(private readonly db: Kysely<Database>) {}

  private owns(orgId: string, repoId: string): Promise<boolean> {
    return ownsRepo(this.db, orgId, repoId);
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
    return this.db.transaction().execute((trx) => upsertFileDurations(trx, rows));
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
