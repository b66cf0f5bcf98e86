import type { CoverageRecord } from "../../selector/coverage/types.js";
import { recordCoverage } from "../../selector/state/coverage-store.js";
import { type Durations, type Measured, recordDurations } from "../../selector/state/durations-store.js";
import { recordFlaky } from "../../selector/state/flaky-store.js";
import type { LocalState } from "./local-state.js";

export interface RunToSave {
  /** Each test file's measured duration (a file the reports skipped measured nothing). */
  durations: readonly Measured[];
  /** Coverage records of the tests that passed. */
  records: readonly CoverageRecord[];
  /** Test files that failed and then passed in this job (flaky-store.ts, collector-flaky.ts). */
  flaky: readonly string[];
  commit: string;
  now: Date;
}

export interface Saved {
  durations: Durations;
  /** How many test files' durations and records were written. */
  timed: number;
  covered: number;
  /** How many test files were marked flaky. */
  flaky: number;
}

/**
 * Keeps what the run measured in `.git/superplane/`, where the next job's cache restore finds it:
 * each test file's duration (a skipped file measured nothing), its coverage record, and a flaky
 * mark for a file that failed and passed.
 */
export async function saveRun(state: LocalState, run: RunToSave): Promise<Saved> {
  const timed = run.durations;
  if (!state.dir) return { durations: state.durations, timed: 0, covered: 0, flaky: 0 };
  // A file that could not be read was reported when the job loaded it; writing rebuilds it.
  let durations = state.durations;
  if (timed.length > 0) {
    durations = (await recordDurations(state.dir, timed, run.commit, run.now)).value;
  }
  if (run.records.length > 0) await recordCoverage(state.dir, run.records);
  if (run.flaky.length > 0) await recordFlaky(state.dir, run.flaky, run.commit, run.now);
  return { durations, timed: timed.length, covered: run.records.length, flaky: run.flaky.length };
}
