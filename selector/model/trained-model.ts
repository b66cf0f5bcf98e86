import { sigmoid } from "./cold-start.js";
import type { TestFeatures } from "./features.js";
import type { HistoryFeatures } from "./history.js";

/**
 * The inputs of a trained model, in vector order. Each model stores the names it was trained on and
 * is scored by name (scoreTest), so inputs may be added, removed or reordered and stored models
 * still load.
 */
export const MODEL_INPUTS = [
  "reachable",
  "symbolHit",
  "directSymbolHit",
  "distance",
  "weakOnly",
  "logChangedFilesReaching",
  "logMaxFanIn",
  "typeTest",
  "coChange",
  "failRateWhenChanged",
  "recentFailRate",
  "flakyRate",
] as const;

export type ModelInput = (typeof MODEL_INPUTS)[number];

const MAX_DISTANCE = 10;

/** A predicted vs observed failure rate over the examples whose prediction fell in [from, to). */
export interface CalibrationBucket {
  from: number;
  to: number;
  examples: number;
  predicted: number;
  observed: number;
}

/** A model as stored: standardisation, weights (intercept first) and how it was trained. */
export interface TrainedModel {
  inputs: string[];
  mean: number[];
  std: number[];
  /** Intercept, then one weight per input (on standardised inputs). */
  weights: number[];
  examples: number;
  failures: number;
  /** How many times each failure counted, to balance rare failures against passes. */
  positiveWeight: number;
  /**
   * Added to the logit so predictions are calibrated again after class weighting and the thinning
   * of passes (prior correction: both multiply the odds of a failure by a known factor). Absent in
   * models stored before it existed, which then score as trained.
   */
  logitOffset?: number;
  calibration: CalibrationBucket[];
}

export function inputValues(graph: TestFeatures, history: HistoryFeatures): Record<ModelInput, number> {
  const hit = graph.symbolHit ? 1 : 0;
  return {
    reachable: graph.reachable ? 1 : 0,
    symbolHit: hit,
    directSymbolHit: hit && graph.distance === 1 ? 1 : 0,
    distance: graph.reachable ? Math.min(graph.distance, MAX_DISTANCE) : MAX_DISTANCE + 1,
    weakOnly: graph.weakOnly ? 1 : 0,
    logChangedFilesReaching: Math.log1p(graph.changedFilesReaching),
    logMaxFanIn: Math.log1p(graph.maxFanIn),
    typeTest: graph.typeTest ? 1 : 0,
    coChange: history.coChange,
    failRateWhenChanged: history.failRateWhenChanged,
    recentFailRate: history.recentFailRate,
    flakyRate: history.flakyRate,
  };
}

/** The inputs in MODEL_INPUTS order: a training example. */
export function inputVector(graph: TestFeatures, history: HistoryFeatures): number[] {
  const values = inputValues(graph, history);
  return MODEL_INPUTS.map((name) => values[name]);
}

/** The model's failure probability for one input vector. */
export function scoreVector(model: TrainedModel, x: readonly number[]): number {
  let z = (model.weights[0] ?? 0) + (model.logitOffset ?? 0);
  for (let i = 0; i < model.mean.length; i++) {
    z += (model.weights[i + 1] ?? 0) * (((x[i] ?? 0) - model.mean[i]!) / model.std[i]!);
  }
  return sigmoid(z);
}

/**
 * Scores by the names the model was trained on. An input this build does not compute stands at the
 * model's mean for it: after standardisation it adds nothing, as if unknown, and the other weights
 * score as trained.
 */
export function scoreTest(model: TrainedModel, graph: TestFeatures, history: HistoryFeatures): number {
  const values: Partial<Record<string, number>> = inputValues(graph, history);
  return scoreVector(
    model,
    model.inputs.map((name, i) => values[name] ?? model.mean[i] ?? 0),
  );
}
