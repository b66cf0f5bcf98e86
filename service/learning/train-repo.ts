import { trainModel } from "../../selector/model/train.js";
import type { ModelRecord } from "../storage/learning-storage.js";
import type { Storage } from "../storage/storage.js";

/** Labelled runs a model learns from: recent enough to describe the code as it is now. */
export const TRAINING_RUNS = 200;

/**
 * Trains a model on the repository's newest labelled runs and stores it as the candidate, which
 * the canary then tries against the serving model. Undefined when the runs hold no failure (or
 * nothing but failures): there is nothing to tell apart.
 */
export async function trainRepo(
  storage: Storage,
  orgId: string,
  repoId: string,
  now: Date,
): Promise<ModelRecord | undefined> {
  const examples = await storage.learning.trainingExamples(repoId, TRAINING_RUNS);
  const model = trainModel(examples);
  if (!model) return undefined;
  return storage.learning.addCandidate(orgId, repoId, model, now);
}
