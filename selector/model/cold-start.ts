import type { TestFeatures } from "./features.js";

/**
 * The fixed logistic model used before a repository has history (documented in docs/model.md).
 * Its weights are chosen so that every test the graph reaches keeps a confidence above 0.15, the
 * skip line at the default threshold 0.85: at the default, the graph alone never skips a
 * reachable test. Lower thresholds let the symbol level skip tests that reach a change only
 * through unchanged names.
 */
export const COLD_START_WEIGHTS = {
  intercept: -4.5,
  reachable: 3.3,
  symbolHit: 3.5,
  /** A direct import of a used, changed declaration is near certain. */
  directSymbolHit: 1.2,
  /** Per hop beyond the first, capped so a long path never drops below the floor. */
  distancePerHop: -0.05,
  maxDistancePenaltyHops: 8,
  /** Per additional changed file reaching the test, capped at 3. */
  perExtraChangedFile: 0.2,
  weakOnly: -0.1,
} as const;

/** The lowest confidence any reachable test can get from the cold-start model. */
export const REACHABLE_FLOOR = sigmoid(
  COLD_START_WEIGHTS.intercept +
    COLD_START_WEIGHTS.reachable +
    COLD_START_WEIGHTS.distancePerHop * COLD_START_WEIGHTS.maxDistancePenaltyHops +
    COLD_START_WEIGHTS.weakOnly,
);

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function coldStartConfidence(f: TestFeatures): number {
  const w = COLD_START_WEIGHTS;
  if (!f.reachable) return sigmoid(w.intercept);
  const hops = Math.min(Math.max(f.distance - 1, 0), w.maxDistancePenaltyHops);
  let z = w.intercept + w.reachable + w.distancePerHop * hops;
  if (f.symbolHit) z += w.symbolHit + (f.distance === 1 ? w.directSymbolHit : 0);
  z += w.perExtraChangedFile * Math.min(Math.max(f.changedFilesReaching - 1, 0), 3);
  if (f.weakOnly) z += w.weakOnly;
  return sigmoid(z);
}
