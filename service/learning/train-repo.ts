import { degenerateReason } from "../../selector/model/model-gates.js";
import { belowMinimum } from "../../selector/model/retrain-policy.js";
import { trainModel } from "../../selector/model/train.js";
import type { ModelRecord } from "../storage/learning-storage.js";
import type { Storage } from "../storage/storage.js";

/** Labelled runs a model learns from: recent enough to describe the code as it is now. */
export const TRAINING_RUNS = 200;

/** A trained model (a candidate, or rejected as degenerate), or why none was trained. */
export type Trained = { model: ModelRecord } | { refused: string };

/**
 * Trains a model on the repository's newest labelled runs. Below the minimum of runs with a
 * failure and failing test-runs (retrain-policy.ts) nothing is trained; a model that cannot tell
 * failures from passes (model-gates.ts) is stored `rejected` with the reason, never as the
 * candidate; any other becomes the candidate, which the canary then compares with what serves.
 */
export async function trainRepo(
  storage: Storage,
  orgId: string,
  repoId: string,
  now: Date,
): Promise<Trained> {
  const runs = await storage.learning.trainingExamples(repoId, TRAINING_RUNS);
  const examples = runs.flat();
  const failures = examples.filter((e) => e.failed).length;
  const short = belowMinimum({
    labelledRuns: runs.length,
    failingRuns: runs.filter((run) => run.some((e) => e.failed)).length,
    failures,
  });
  if (short) return { refused: short };
  const model = trainModel(examples);
  if (!model) return { refused: "its labelled runs hold no pass: nothing to tell failures from" };
  const degenerate = degenerateReason(model, examples);
  return { model: await storage.learning.addCandidate(orgId, repoId, model, now, degenerate) };
}
