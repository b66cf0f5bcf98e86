/**
 * What a repository's past says about a test, from two sources: git (which tests changed together
 * with which source files) and reported runs (which tests failed when which files changed).
 * Plain data and pure folds over it; the service stores it, the evaluation replays it.
 */
export interface HistoryFeatures {
  /** Largest share of a changed file's commits that also changed the test (0..1). */
  coChange: number;
  /** Failures of the test over runs in which a changed file also changed (0..1, smoothed). */
  failRateWhenChanged: number;
  /** Failures over the test's last runs (0..1, smoothed). */
  recentFailRate: number;
  /** Share of its runs in which the test was seen both passing and failing on one commit. */
  flakyRate: number;
}

export const NO_HISTORY: HistoryFeatures = {
  coChange: 0,
  failRateWhenChanged: 0,
  recentFailRate: 0,
  flakyRate: 0,
};

/** From git: per source file, the commits touching it and how many of them touched each test. */
export interface CoChangeStats {
  fileCommits: Map<string, number>;
  pairs: Map<string, Map<string, number>>;
}

/** A test's outcome in one labelled run; flaky failures are no label. */
export type Label = "failed" | "passed" | "flaky";

export interface LabelledRun {
  changedFiles: readonly string[];
  /** Tests that ran, with their outcome. */
  outcomes: ReadonlyMap<string, Label>;
}

export interface FailureStats {
  /** Runs in which a file changed. */
  fileRuns: Map<string, number>;
  /** Failures of a test in runs where a file changed: file -> test -> count. */
  fileFailures: Map<string, Map<string, number>>;
  /** The last outcomes of each test, newest last (at most RECENT). */
  recent: Map<string, Label[]>;
}

export const RECENT = 20;
/** Changes this large say little about any one file's tests (formatting sweeps, renames). */
export const MAX_FILES_PER_CHANGE = 50;

export function emptyCoChange(): CoChangeStats {
  return { fileCommits: new Map(), pairs: new Map() };
}

export function emptyFailureStats(): FailureStats {
  return { fileRuns: new Map(), fileFailures: new Map(), recent: new Map() };
}

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function rowOf<K, V>(map: Map<K, Map<V, number>>, key: K): Map<V, number> {
  let row = map.get(key);
  if (!row) {
    row = new Map();
    map.set(key, row);
  }
  return row;
}

/** Adds one commit's changed files: every source file pairs with every test file beside it. */
export function addCommit(stats: CoChangeStats, sources: readonly string[], tests: readonly string[]): void {
  if (sources.length + tests.length > MAX_FILES_PER_CHANGE) return;
  for (const source of sources) {
    bump(stats.fileCommits, source);
    if (tests.length === 0) continue;
    const row = rowOf(stats.pairs, source);
    for (const test of tests) bump(row, test);
  }
}

/** Adds a run's labels; flaky outcomes count towards flakiness only. */
export function addRun(stats: FailureStats, run: LabelledRun): void {
  const files = run.changedFiles.length > MAX_FILES_PER_CHANGE ? [] : run.changedFiles;
  for (const file of files) bump(stats.fileRuns, file);
  for (const [test, label] of run.outcomes) {
    const recent = stats.recent.get(test) ?? [];
    recent.push(label);
    stats.recent.set(test, recent.slice(-RECENT));
    if (label !== "failed") continue;
    for (const file of files) {
      bump(rowOf(stats.fileFailures, file), test);
    }
  }
}

/** The history signal for one (change, test) pair. Rates are smoothed so one run is no certainty. */
export function historyFeatures(
  coChange: CoChangeStats,
  failures: FailureStats,
  changedFiles: readonly string[],
  test: string,
): HistoryFeatures {
  let co = 0;
  let failWhen = 0;
  for (const file of changedFiles) {
    const commits = coChange.fileCommits.get(file) ?? 0;
    const together = coChange.pairs.get(file)?.get(test) ?? 0;
    if (commits > 0) co = Math.max(co, together / (commits + 1));
    const runs = failures.fileRuns.get(file) ?? 0;
    const failed = failures.fileFailures.get(file)?.get(test) ?? 0;
    if (runs > 0) failWhen = Math.max(failWhen, failed / (runs + 1));
  }
  const recent = failures.recent.get(test) ?? [];
  const failedRecently = recent.filter((label) => label === "failed").length;
  const flaky = recent.filter((label) => label === "flaky").length;
  return {
    coChange: co,
    failRateWhenChanged: failWhen,
    recentFailRate: failedRecently / (recent.length + 1),
    flakyRate: recent.length === 0 ? 0 : flaky / recent.length,
  };
}
