/** When a repository's model is trained again (the service and the evaluation share this). */
export interface RetrainPolicy {
  /** Labelled runs with at least one (non-flaky) failure needed before any model. */
  minFailingRuns: number;
  /** Failing test-runs (one test failing in one run, flaky ones aside) needed before any model. */
  minFailures: number;
  /** New labelled runs since the last training that trigger the next. */
  every: number;
}

/**
 * docs/model.md "When": 10 runs with a failure, because the failures of one run are one change's
 * fallout (one pattern, not ten); 50 failing test-runs, about 4 per model input (13), below the
 * usual 10 per input of a logistic fit because the canary, not the fit, decides whether it serves.
 */
export const DEFAULT_RETRAIN: RetrainPolicy = { minFailingRuns: 10, minFailures: 50, every: 5 };

/** What a repository has learned from: the counts the minimum is judged on. */
export interface LabelCounts {
  labelledRuns: number;
  failingRuns: number;
  failures: number;
}

/** Why no model can be trained yet, or undefined once the minimum is met. */
export function belowMinimum(
  counts: LabelCounts,
  policy: RetrainPolicy = DEFAULT_RETRAIN,
): string | undefined {
  if (counts.failingRuns >= policy.minFailingRuns && counts.failures >= policy.minFailures) return undefined;
  return (
    `${counts.labelledRuns} labelled runs, ${counts.failingRuns} with a failure and ${counts.failures} failing ` +
    `test-runs: a model needs at least ${policy.minFailingRuns} runs with a failure and ${policy.minFailures} ` +
    "failing test-runs (docs/model.md)"
  );
}

/**
 * The cadence: after `every` new labelled runs, once the failing test-runs alone could meet the
 * minimum (the runs with a failure are counted when the examples are read, train-repo.ts).
 */
export function shouldRetrain(
  runsSinceLastModel: number,
  failures: number,
  policy: RetrainPolicy = DEFAULT_RETRAIN,
): boolean {
  return failures >= policy.minFailures && runsSinceLastModel >= policy.every;
}
