import { diskReader, readRawCoverage, recordsFromRaw } from "../../selector/coverage/read-coverage.js";
import type { ServiceApi } from "../service/service-api.js";

/** Records per request: a 200-test suite's records weigh about 2 MB. */
export const UPLOAD_BATCH = 500;

export interface UploadInput {
  service: ServiceApi;
  repoId: string;
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

/**
 * Sends the coverage the run recorded, for the tests that passed: a failing test keeps its older
 * record, so a later change cannot clear it while it still fails. Answers what was stored, or why not.
 */
export async function uploadCoverage(input: UploadInput): Promise<string> {
  const raws = await readRawCoverage(input.dir, input.workspace, input.log);
  if (raws.length === 0) return "no coverage was recorded (put {coverage} in the run command to record it)";
  const passed = input.passed ?? (input.exitCode === 0 ? undefined : new Set<string>());
  const records = (await recordsFromRaw(raws, diskReader(input.workspace), input.commitSha)).filter(
    (record) => passed === undefined || passed.has(record.test),
  );
  if (records.length === 0) return `coverage of ${raws.length} test files recorded, none of them passed`;
  let stored = 0;
  // A request per batch keeps a big suite's upload far below the service's body limit.
  for (let i = 0; i < records.length; i += UPLOAD_BATCH) {
    stored += await input.service.uploadCoverage(
      input.repoId,
      input.commitSha,
      records.slice(i, i + UPLOAD_BATCH),
    );
  }
  return `coverage of ${stored} passing test files stored`;
}
