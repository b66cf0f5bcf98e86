import {
  addCommit,
  addRun,
  type CoChangeStats,
  emptyFailureStats,
  type FailureStats,
  historyFeatures,
  type Label,
} from "../../selector/model/history.js";
import { degenerateReason } from "../../selector/model/model-gates.js";
import {
  belowMinimum,
  DEFAULT_RETRAIN,
  type RetrainPolicy,
  shouldRetrain,
} from "../../selector/model/retrain-policy.js";
import { type Example, trainModel } from "../../selector/model/train.js";
import { inputVector, scoreTest, type TrainedModel } from "../../selector/model/trained-model.js";
import type { TestEvidence } from "../../selector/select/decide.js";

/** What a replayed commit teaches: the change, the selector's evidence, and which tests failed. */
export interface Observation {
  changedFiles: readonly string[];
  sourceFiles: readonly string[];
  testFiles: readonly string[];
  evidence: readonly TestEvidence[];
  /** The tests that ran (the whole suite: a full run gives unbiased labels). */
  ran: ReadonlySet<string>;
  failed: ReadonlySet<string>;
}

/**
 * The learning loop as a CI drives it, in memory: score with the current model, then learn the
 * commit's outcome, retraining after enough new labelled runs.
 */
export class ReplayLearner {
  private readonly failures: FailureStats = emptyFailureStats();
  private readonly examples: Example[] = [];
  private labelledRuns = 0;
  private runsSinceModel = 0;
  private failureCount = 0;
  private failingRuns = 0;
  model: TrainedModel | undefined;
  version = 0;

  constructor(
    private readonly coChange: CoChangeStats,
    private readonly policy: RetrainPolicy = DEFAULT_RETRAIN,
  ) {}

  /** The current model's scorer for a change, or undefined before the first model. */
  scorer(changedFiles: readonly string[]): ((evidence: TestEvidence) => number) | undefined {
    const model = this.model;
    if (!model) return undefined;
    return (evidence) =>
      scoreTest(
        model,
        evidence.features,
        historyFeatures(this.coChange, this.failures, changedFiles, evidence.path),
      );
  }

  observe(observation: Observation): void {
    // As the service does (service/learning/run-examples.ts): only a run with a failure teaches
    // which tests a regression reaches; a clean run's passes would teach that nothing ever fails.
    const teaches = observation.failed.size > 0;
    for (const evidence of observation.evidence) {
      if (!teaches || !observation.ran.has(evidence.path)) continue;
      const history = historyFeatures(this.coChange, this.failures, observation.changedFiles, evidence.path);
      const failed = observation.failed.has(evidence.path);
      this.examples.push({ x: inputVector(evidence.features, history), failed });
      if (failed) this.failureCount += 1;
    }
    if (teaches) this.failingRuns += 1;
    const outcomes = new Map<string, Label>();
    for (const test of observation.ran)
      outcomes.set(test, observation.failed.has(test) ? "failed" : "passed");
    addRun(this.failures, { changedFiles: observation.changedFiles, outcomes });
    addCommit(this.coChange, observation.sourceFiles, observation.testFiles);
    this.labelledRuns += 1;
    this.runsSinceModel += 1;
    if (shouldRetrain(this.runsSinceModel, this.failureCount, this.policy)) {
      const counts = {
        labelledRuns: this.labelledRuns,
        failingRuns: this.failingRuns,
        failures: this.failureCount,
      };
      // The service's gates (train-repo.ts): a minimum of labels, and never a degenerate model.
      const model = belowMinimum(counts, this.policy) ? undefined : trainModel(this.examples);
      // A degenerate model is stored rejected by the service, which counts anew from it too.
      if (model) this.runsSinceModel = 0;
      if (model && !degenerateReason(model, this.examples)) {
        this.model = model;
        this.version += 1;
      }
    }
  }
}
