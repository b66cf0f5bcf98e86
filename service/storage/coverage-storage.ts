import type { CoverageRecord } from "../../selector/coverage/types.js";
import type { EncodedCoverage } from "./coverage-encoding.js";

/**
 * The latest coverage record of each test of a repository (selector/coverage/), as the action
 * uploads them after a run and reads them back before the next selection. Every method reads or
 * writes only the rows of a repository of the given organization.
 */
export interface CoverageStorage {
  /**
   * Replaces the record of each test in one transaction, the records in their stored form
   * (coverage-encoding.ts, where a record without `commit` got the upload's commit). Of two records
   * for one test the last wins. Returns how many tests it stored (0 when the organization has no
   * such repository).
   */
  store(orgId: string, repoId: string, encoded: EncodedCoverage, now: Date): Promise<number>;
  /** The stored records of those tests that have one, in the order asked. */
  latest(orgId: string, repoId: string, tests: readonly string[]): Promise<CoverageRecord[]>;
  /** Forgets every record of the repository; returns how many there were. */
  forget(orgId: string, repoId: string): Promise<number>;
}
