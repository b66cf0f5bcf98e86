import {
  addRun,
  type CoChangeStats,
  type FailureStats,
  historyFeatures,
  type Label,
} from "../../selector/model/history.js";
import type { Example } from "../../selector/model/train.js";
import { inputVector } from "../../selector/model/trained-model.js";
import type { RunDetail } from "../storage/storage.js";

/** Passes kept per run beyond every failure; a stride keeps them spread over the suite. */
export const MAX_PASSES_PER_RUN = 2000;

/**
 * One run's training examples and its fold into the failure statistics. Inputs use the history as
 * it was before the run, as the model saw it when deciding. A flaky test's failure is no label
 * (it only counts towards flakiness); tests that did not run teach nothing.
 *
 * Only a run with a failure yields examples: confidence is the probability that a test fails *if
 * the change carries a regression* (DESIGN), and a run without a failure carried none, so its
 * passes say nothing about which tests a regression would reach. Trained on every run, the model
 * would learn how rarely changes break anything and skip tests that a breaking change does fail.
 */
export function foldRun(
  stats: FailureStats,
  coChange: CoChangeStats,
  changedFiles: readonly string[],
  run: RunDetail,
  flaky: ReadonlySet<string>,
): { examples: Example[]; labelled: boolean; failures: number } {
  const outcomes = new Map<string, Label>();
  for (const result of run.results) {
    if (result.outcome === "skipped") continue;
    outcomes.set(
      result.test_path,
      result.outcome === "failed" && flaky.has(result.test_path) ? "flaky" : result.outcome,
    );
  }
  const failed: { example: Example }[] = [];
  const passed: { example: Example }[] = [];
  for (const decision of run.decisions) {
    const label = outcomes.get(decision.test_path);
    if (label === undefined || label === "flaky") continue;
    const history = historyFeatures(coChange, stats, changedFiles, decision.test_path);
    const item = { example: { x: inputVector(decision.features, history), failed: label === "failed" } };
    (label === "failed" ? failed : passed).push(item);
  }
  const stride = Math.max(1, Math.ceil(passed.length / MAX_PASSES_PER_RUN));
  const kept = failed.length === 0 ? [] : [...failed, ...passed.filter((_, i) => i % stride === 0)];
  addRun(stats, { changedFiles, outcomes });
  return {
    examples: kept.map((k) => k.example),
    labelled: failed.length + passed.length > 0,
    failures: failed.length,
  };
}
