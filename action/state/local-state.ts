import type { CoverageRecord } from "../../selector/coverage/types.js";
import { readCoverageStore } from "../../selector/state/coverage-store.js";
import { type Durations, readDurations } from "../../selector/state/durations-store.js";
import { type FlakyMarks, readFlakyMarks } from "../../selector/state/flaky-store.js";
import { stateDir } from "../../selector/state/state-dir.js";

/** What `.git/superplane/` held when the job started (restored by the CI's cache, or empty). */
export interface LocalState {
  /** The folder; undefined when the workspace has no git directory to hold it. */
  dir: string | undefined;
  durations: Durations;
  coverage: CoverageRecord[];
  /** Test files seen failing and passing on one commit, as the service marks them. */
  flaky: FlakyMarks;
  /** Files that could not be used (they are rebuilt); the action shows them as warnings. */
  warnings: string[];
}

export const emptyState = (): LocalState => ({
  dir: undefined,
  durations: {},
  coverage: [],
  flaky: {},
  warnings: [],
});

/** Reads the durations, coverage records and flaky marks; what cannot be read is a warning, never a failure. */
export async function loadLocalState(workspace: string): Promise<LocalState> {
  let dir: string;
  try {
    dir = await stateDir(workspace);
  } catch {
    return emptyState();
  }
  const [durations, coverage, flaky] = await Promise.all([
    readDurations(dir),
    readCoverageStore(dir),
    readFlakyMarks(dir),
  ]);
  return {
    dir,
    durations: durations.value,
    coverage: coverage.value,
    flaky: flaky.value,
    warnings: [durations.warning, coverage.warning, flaky.warning].flatMap((w) => (w ? [w] : [])),
  };
}
