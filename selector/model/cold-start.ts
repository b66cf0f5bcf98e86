import type { TestFeatures } from "./features.js";

/**
 * The fixed logistic model used before a repository has history (documented in docs/model.md).
 * Its weights put the default threshold's skip line (confidence 0.15) between the two kinds of
 * reach: every test that uses an affected name, or loads a module whose top-level code changed,
 * stays above it (at least 0.86, so it is selected at every threshold above 0.14); a test that
 * reaches a changed file only through names the change did not affect falls below it. That is the
 * symbol-level graph of DESIGN: a barrel does not make every test depend on every file.
 */
export const COLD_START_WEIGHTS = {
  intercept: -4.5,
  reachable: 1.8,
  symbolHit: 5.1,
  /** A direct import of a used, changed declaration is near certain. */
  directSymbolHit: 1.2,
  /** Per hop beyond the first, capped so a long path never drops below the floor. */
  distancePerHop: -0.05,
  maxDistancePenaltyHops: 8,
  /** Per additional changed file reaching the test, capped at 3. */
  perExtraChangedFile: 0.2,
  maxExtraChangedFiles: 3,
  weakOnly: -0.1,
} as const;

const W = COLD_START_WEIGHTS;

/** The lowest confidence a test that uses an affected name can get from the cold-start model. */
export const SYMBOL_HIT_FLOOR = sigmoid(
  W.intercept + W.reachable + W.symbolHit + W.distancePerHop * W.maxDistancePenaltyHops + W.weakOnly,
);

/** The highest confidence a test reached only through unaffected names can get. */
export const UNAFFECTED_NAMES_CEILING = sigmoid(
  W.intercept + W.reachable + W.perExtraChangedFile * W.maxExtraChangedFiles,
);

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function coldStartConfidence(f: TestFeatures): number {
  const w = W;
  if (!f.reachable) return sigmoid(w.intercept);
  const hops = Math.min(Math.max(f.distance - 1, 0), w.maxDistancePenaltyHops);
  let z = w.intercept + w.reachable + w.distancePerHop * hops;
  if (f.symbolHit) z += w.symbolHit + (f.distance === 1 ? w.directSymbolHit : 0);
  z += w.perExtraChangedFile * Math.min(Math.max(f.changedFilesReaching - 1, 0), w.maxExtraChangedFiles);
  if (f.weakOnly) z += w.weakOnly;
  return sigmoid(z);
}
