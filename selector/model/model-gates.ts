import type { Example } from "./train.js";
import { scoreVector, type TrainedModel } from "./trained-model.js";

/** Below this many points of confidence between a model's lowest and highest score, it says one thing. */
const MIN_SPREAD = 0.01;
/** Ranking failures above passes on its own training runs no better than this is no separation. */
export const MIN_AUC = 0.6;

/**
 * The share of (failure, pass) pairs the model scores the failure higher in (ties count half):
 * 0.5 is a coin, 1 a perfect ranking. Rank-sum form, so it is O(n log n) on 400,000 examples.
 */
export function rankAuc(scored: readonly { p: number; failed: boolean }[]): number {
  const sorted = [...scored].sort((a, b) => a.p - b.p);
  let rankSum = 0;
  let failures = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.p === sorted[i]!.p) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (sorted[k]!.failed) {
        rankSum += rank;
        failures += 1;
      }
    }
    i = j;
  }
  const passes = sorted.length - failures;
  if (failures === 0 || passes === 0) return 0.5;
  return (rankSum - (failures * (failures + 1)) / 2) / (failures * passes);
}

/**
 * Why a freshly trained model must never serve, or undefined: every input weight 0, one confidence
 * for every pair, or a ranking of its own training pairs no better than `MIN_AUC`. Such a model's
 * confidence is its intercept, which after weighting sits near 0.5 and selects every test.
 */
export function degenerateReason(model: TrainedModel, examples: readonly Example[]): string | undefined {
  if (model.weights.slice(1).every((w) => Math.abs(w) < 1e-9)) {
    return "degenerate: every input weight is 0, so it gives every test the same confidence";
  }
  const scored = examples.map((e) => ({ p: scoreVector(model, e.x), failed: e.failed }));
  // A loop, not Math.min(...): a spread of 400,000 arguments overflows the stack.
  let low = 1;
  let high = 0;
  for (const { p } of scored) {
    low = Math.min(low, p);
    high = Math.max(high, p);
  }
  if (high - low < MIN_SPREAD) {
    return `degenerate: it gives every test about the same confidence (${low.toFixed(2)} to ${high.toFixed(2)})`;
  }
  const auc = rankAuc(scored);
  if (auc < MIN_AUC) {
    return (
      `degenerate: it does not separate failures from passes (AUC ${auc.toFixed(2)} on its own training ` +
      `pairs, below ${MIN_AUC})`
    );
  }
  return undefined;
}
