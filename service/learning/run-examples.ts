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
 */
export function foldRun(
  stats: FailureStats,
  coChange: CoChangeStats,
  changedFiles: readonly string[],
  run: RunDetail,
  flaky: ReadonlySet<string>,
): { examples: Example[]; paths: string[]; failures: number } {
  const outcomes = new Map<string, Label>();
  for (const result of run.results) {
    if (result.outcome === "skipped") continue;
    outcomes.set(
      result.test_path,
      result.outcome === "failed" && flaky.has(result.test_path) ? "flaky" : result.outcome,
    );
  }
  const failed: { example: Example; path: string }[] = [];
  const passed: { example: Example; path: string }[] = [];
  for (const decision of run.decisions) {
    const label = outcomes.get(decision.test_path);
    if (label === undefined || label === "flaky") continue;
    const history = historyFeatures(coChange, stats, changedFiles, decision.test_path);
    const item = {
      example: { x: inputVector(decision.features, history), failed: label === "failed" },
      path: decision.test_path,
    };
    (label === "failed" ? failed : passed).push(item);
  }
  const stride = Math.max(1, Math.ceil(passed.length / MAX_PASSES_PER_RUN));
  const kept = [...failed, ...passed.filter((_, i) => i % stride === 0)];
  addRun(stats, { changedFiles, outcomes });
  return { examples: kept.map((k) => k.example), paths: kept.map((k) => k.path), failures: failed.length };
}
