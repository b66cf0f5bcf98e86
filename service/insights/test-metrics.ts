/** One reported result of a test file in one run, with the run's commit. */
export interface ResultRow {
  test_path: string;
  outcome: "passed" | "failed" | "skipped";
  duration_ms: number;
  commit_sha: string;
}

/**
 * A test file's numbers as CircleCI's test insights define them: the failure rate is failed runs
 * over runs, the p95 duration is over its runs (nearest rank), and a test is flaky when it both
 * passed and failed on one commit. Results the runner skipped count for neither.
 */
export interface TestMetric {
  test_path: string;
  runs: number;
  failures: number;
  failure_rate: number;
  p50_duration_ms: number;
  p95_duration_ms: number;
  flaky: boolean;
  /** Commits of the window on which it both passed and failed. */
  flaky_commits: number;
}

/** Nearest-rank percentile of a sorted list: the smallest value with at least p of the list at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

interface Tally {
  durations: number[];
  failures: number;
  outcomes: Map<string, Set<string>>;
}

export function testMetrics(rows: readonly ResultRow[]): TestMetric[] {
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    if (row.outcome === "skipped") continue;
    let tally = tallies.get(row.test_path);
    if (!tally) {
      tally = { durations: [], failures: 0, outcomes: new Map() };
      tallies.set(row.test_path, tally);
    }
    tally.durations.push(row.duration_ms);
    if (row.outcome === "failed") tally.failures += 1;
    const seen = tally.outcomes.get(row.commit_sha) ?? new Set<string>();
    seen.add(row.outcome);
    tally.outcomes.set(row.commit_sha, seen);
  }
  const metrics: TestMetric[] = [];
  for (const [test_path, tally] of tallies) {
    const sorted = tally.durations.sort((a, b) => a - b);
    const flakyCommits = [...tally.outcomes.values()].filter((seen) => seen.size === 2).length;
    metrics.push({
      test_path,
      runs: sorted.length,
      failures: tally.failures,
      failure_rate: tally.failures / sorted.length,
      p50_duration_ms: percentile(sorted, 0.5),
      p95_duration_ms: percentile(sorted, 0.95),
      flaky: flakyCommits > 0,
      flaky_commits: flakyCommits,
    });
  }
  return metrics.sort(
    (a, b) =>
      b.failure_rate - a.failure_rate ||
      b.p95_duration_ms - a.p95_duration_ms ||
      a.test_path.localeCompare(b.test_path),
  );
}
