import type { Kysely } from "kysely";
import type { CanaryOutcome } from "../insights/measured-safety.js";
import type { ResultRow } from "../insights/test-metrics.js";
import type { DayTotals } from "../insights/time-buckets.js";
import type { Database } from "./database-schema.js";
import { canaryOutcomes, daysOf, type Range, resultRows } from "./queries/insights.js";
import { ownsRepo } from "./queries/repos.js";

export type { Range } from "./queries/insights.js";

/**
 * What the dashboard and the insights routes read, one small query each so new run columns
 * (branch, pull request) become filters here. Every method answers undefined for a repository
 * the organization does not have.
 */
export class InsightsStorage {
  constructor(private readonly db: Kysely<Database>) {}

  private owns(orgId: string, repoId: string): Promise<boolean> {
    return ownsRepo(this.db, orgId, repoId);
  }

  async days(orgId: string, repoId: string, range: Range): Promise<DayTotals[] | undefined> {
    return (await this.owns(orgId, repoId)) ? daysOf(this.db, repoId, range) : undefined;
  }

  async canaryRuns(orgId: string, repoId: string, range: Range): Promise<CanaryOutcome[] | undefined> {
    return (await this.owns(orgId, repoId)) ? canaryOutcomes(this.db, repoId, range) : undefined;
  }

  async results(
    orgId: string,
    repoId: string,
    range: Range,
    runs: number,
  ): Promise<{ runs: number; rows: ResultRow[] } | undefined> {
    return (await this.owns(orgId, repoId)) ? resultRows(this.db, repoId, range, runs) : undefined;
  }
}
