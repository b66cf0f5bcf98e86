import { diskReader, readRawCoverage, recordsFromRaw } from "../../selector/coverage/read-coverage.js";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import type { ServiceApi } from "../service/service-api.js";

/** Records per request: a 200-test suite's records weigh about 2 MB. */
export const UPLOAD_BATCH = 500;

export interface RunCoverageInput {
  /** The commit the tests ran at. */
  commitSha: string;
  workspace: string;
  /** Where the collector wrote (SUPERPLANE_COVERAGE_DIR). */
  dir: string;
  /**
   * Which tests passed, from the reported results; undefined when there are none, and then only
   * a command that exited 0 vouches for every test.
   */
  passed: ReadonlySet<string> | undefined;
  exitCode: number;
  log: (line: string) => void;
}

export interface UploadInput extends RunCoverageInput {
  service: ServiceApi;
  repoId: string;
}

/** What the collector recorded, as records of the tests that passed; `raws` counts every test file. */
export interface RunCoverage {
  records: CoverageRecord[];
  raws: number;
}

/**
 * The run's records of the tests that passed: a failing test keeps its older record, so a later
 * change cannot clear it while it still fails.
 */
export async function runCoverage(input: RunCoverageInput): Promise<RunCoverage> {
  const raws = await readRawCoverage(input.dir, input.workspace, input.log);
  if (raws.length === 0) return { records: [], raws: 0 };
  const passed = input.passed ?? (input.exitCode === 0 ? undefined : new Set<string>());
  const records = (await recordsFromRaw(raws, diskReader(input.workspace), input.commitSha)).filter(
    (record) => passed === undefined || passed.has(record.test),
  );
  return { records, raws: raws.length };
}

/** What a run's coverage amounted to, for the log. */
export function coverageSaid(coverage: RunCoverage, stored: number, where: string): string {
  if (coverage.raws === 0) return "no coverage was recorded (put {coverage} in the run command to record it)";
  if (coverage.records.length === 0)
    return `coverage of ${coverage.raws} test files recorded, none of them passed`;
  return `coverage of ${stored} passing test files stored${where}`;
}

/** Sends records in batches, which keeps a big suite's upload far below the service's body limit. */
export async function uploadRecords(
  service: ServiceApi,
  repoId: string,
  commitSha: string,
  records: readonly CoverageRecord[],
): Promise<number> {
  let stored = 0;
  for (let i = 0; i < records.length; i += UPLOAD_BATCH) {
    stored += await service.uploadCoverage(repoId, commitSha, records.slice(i, i + UPLOAD_BATCH));
  }
  return stored;
}

/** Sends the coverage the run recorded, for the tests that passed. Answers what was stored, or why not. */
export async function uploadCoverage(input: UploadInput): Promise<string> {
  const coverage = await runCoverage(input);
  const stored =
    coverage.records.length > 0
      ? await uploadRecords(input.service, input.repoId, input.commitSha, coverage.records)
      : 0;
  return coverageSaid(coverage, stored, "");
}
