/** When a repository's model is trained again (the service and the evaluation share this). */
export interface RetrainPolicy {
  /** Labelled runs needed before the first model. */
  minRuns: number;
  /** New labelled runs since the last training that trigger the next. */
  every: number;
}

export const DEFAULT_RETRAIN: RetrainPolicy = { minRuns: 5, every: 5 };

export function shouldRetrain(
  labelledRuns: number,
  runsSinceLastModel: number,
  failures: number,
  policy: RetrainPolicy = DEFAULT_RETRAIN,
): boolean {
  // Without a failure there is nothing to tell affected tests from unaffected ones.
  if (labelledRuns < policy.minRuns || failures === 0) return false;
  return runsSinceLastModel >= policy.every;
}
