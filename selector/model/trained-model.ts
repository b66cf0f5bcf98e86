import { sigmoid } from "./cold-start.js";
import { MENTION_BEYOND, type TestFeatures } from "./features.js";
import type { HistoryFeatures } from "./history.js";

/** The inputs of a trained model, in vector order; stored with each model so old ones still load. */
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
  // Appended, never inserted: a stored model scores the prefix of inputs it was trained on.
  "farFromChange",
] as const;

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

export function inputVector(graph: TestFeatures, history: HistoryFeatures): number[] {
  const reach = graph.reachable ? 1 : 0;
  const hit = graph.symbolHit ? 1 : 0;
  return [
    reach,
    hit,
    hit && graph.distance === 1 ? 1 : 0,
    graph.reachable ? Math.min(graph.distance, MAX_DISTANCE) : MAX_DISTANCE + 1,
    graph.weakOnly ? 1 : 0,
    Math.log1p(graph.changedFilesReaching),
    Math.log1p(graph.maxFanIn),
    graph.typeTest ? 1 : 0,
    history.coChange,
    history.failRateWhenChanged,
    history.recentFailRate,
    history.flakyRate,
    hit && graph.mentionDepth === MENTION_BEYOND ? 1 : 0,
  ];
}

/** The model's failure probability for one input vector. */
export function scoreVector(model: TrainedModel, x: readonly number[]): number {
  let z = (model.weights[0] ?? 0) + (model.logitOffset ?? 0);
  for (let i = 0; i < model.mean.length; i++) {
    z += (model.weights[i + 1] ?? 0) * (((x[i] ?? 0) - model.mean[i]!) / model.std[i]!);
  }
  return sigmoid(z);
}

export function scoreTest(model: TrainedModel, graph: TestFeatures, history: HistoryFeatures): number {
  return scoreVector(model, inputVector(graph, history));
}
