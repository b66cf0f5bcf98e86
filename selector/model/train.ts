import LogisticRegression from "ml-logistic-regression";
import { Matrix } from "ml-matrix";
import { type CalibrationBucket, MODEL_INPUTS, scoreVector, type TrainedModel } from "./trained-model.js";

/** One (change, test) pair of a labelled run: the model's inputs and whether the test failed. */
export interface Example {
  x: number[];
  failed: boolean;
}

export interface TrainOptions {
  /** Gradient steps; the package's plain gradient descent stops early rather than regularise. */
  steps?: number;
  /** Failures count at most this many times, so a handful of them cannot swamp the passes. */
  maxPositiveWeight?: number;
  /** Passes kept at most (every failure is kept); a stride keeps them spread over time. */
  maxNegatives?: number;
}

const BUCKETS = [0, 0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 1.000001];

function standardise(rows: readonly number[][]): { mean: number[]; std: number[] } {
  const width = MODEL_INPUTS.length;
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  for (const row of rows) for (let i = 0; i < width; i++) mean[i]! += row[i]! / rows.length;
  for (const row of rows) for (let i = 0; i < width; i++) std[i]! += (row[i]! - mean[i]!) ** 2 / rows.length;
  // A constant input carries nothing; a unit scale keeps it out of the way instead of dividing by 0.
  return { mean, std: std.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

function sample(examples: readonly Example[], maxNegatives: number): Example[] {
  const negatives = examples.filter((e) => !e.failed);
  const stride = Math.max(1, Math.ceil(negatives.length / maxNegatives));
  return [...examples.filter((e) => e.failed), ...negatives.filter((_, i) => i % stride === 0)];
}

/** Predicted against observed failure rates by bucket of prediction. */
export function calibration(model: TrainedModel, examples: readonly Example[]): CalibrationBucket[] {
  const buckets = BUCKETS.slice(1).map((to, i) => ({ from: BUCKETS[i]!, to, n: 0, p: 0, f: 0 }));
  for (const example of examples) {
    const p = scoreVector(model, example.x);
    const bucket = buckets.find((b) => p >= b.from && p < b.to)!;
    bucket.n += 1;
    bucket.p += p;
    bucket.f += example.failed ? 1 : 0;
  }
  return buckets
    .filter((b) => b.n > 0)
    .map((b) => ({
      from: b.from,
      to: Math.min(b.to, 1),
      examples: b.n,
      predicted: b.p / b.n,
      observed: b.f / b.n,
    }));
}

/**
 * Fits a logistic regression (ml-logistic-regression) on standardised inputs, failures weighted
 * up by replication. Returns undefined without both a failure and a pass: nothing to learn.
 */
export function trainModel(
  examples: readonly Example[],
  options: TrainOptions = {},
): TrainedModel | undefined {
  const failures = examples.filter((e) => e.failed).length;
  if (failures === 0 || failures === examples.length) return undefined;
  const kept = sample(examples, options.maxNegatives ?? 4000);
  const negatives = kept.length - failures;
  const allNegatives = examples.length - failures;
  const positiveWeight = Math.max(
    1,
    Math.min(options.maxPositiveWeight ?? 20, Math.round(negatives / failures)),
  );
  const { mean, std } = standardise(kept.map((e) => e.x));
  const rows: number[][] = [];
  const classes: number[] = [];
  for (const example of kept) {
    const row = [1, ...example.x.map((v, i) => (v - mean[i]!) / std[i]!)];
    for (let copy = 0; copy < (example.failed ? positiveWeight : 1); copy++) {
      rows.push(row);
      classes.push(example.failed ? 1 : 0);
    }
  }
  // The package's gradient is a sum over rows: the step size scales with 1/rows to stay stable.
  const regression = new LogisticRegression({
    numSteps: options.steps ?? 1500,
    learningRate: 1 / rows.length,
  });
  regression.train(new Matrix(rows), Matrix.columnVector(classes));
  // With classes 0/1 its first one-vs-rest classifier scores "not class 0": a failure.
  const weights = regression.classifiers[0]!.weights.to1DArray();
  const model: TrainedModel = {
    inputs: [...MODEL_INPUTS],
    mean,
    std,
    weights,
    examples: examples.length,
    failures,
    positiveWeight,
    // Replicating failures multiplies their odds by positiveWeight, thinning passes by the share
    // dropped: undo both so a prediction is a failure rate again (checked by the calibration).
    logitOffset: -Math.log(positiveWeight) - Math.log(allNegatives / negatives),
    calibration: [],
  };
  model.calibration = calibration(model, examples);
  return model;
}
