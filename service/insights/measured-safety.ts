import type { Shadow } from "../../selector/model/canary.js";

/** One canary full run: everything ran, so its failures are the truth each shadow selection is held to. */
export interface CanaryOutcome {
  run_id: string;
  shadows: readonly Shadow[];
  failed: readonly string[];
  /** Tests seen passing and failing on one commit: their failures are not the change's fault. */
  flaky: ReadonlySet<string>;
}

/**
 * Safety in the terms of Meta's predictive test selection (Machalica et al., 2019): a change is
 * faulty when at least one test failed on it, and caught when the selection would have kept at
 * least one of its failing tests (change recall); failing tests caught is the share of all failing
 * tests the selection would have kept (test recall). Measured on canary full runs only, where every
 * test ran and what a model would have skipped was recorded beside it.
 */
export interface ModelSafety {
  /** A trained model's id, or "cold-start" for the graph alone. */
  model: string;
  /** Canary full runs that recorded this model's selection. */
  runs: number;
  faulty_changes: number;
  faulty_changes_caught: number;
  failing_tests: number;
  failing_tests_caught: number;
  /** null until a faulty change was seen: nothing measured is not 100%. */
  change_recall: number | null;
  test_recall: number | null;
  /** Tests its selections would have skipped over those runs: what it would have saved. */
  tests_skipped: number;
}

function blank(model: string): ModelSafety {
  return {
    model,
    runs: 0,
    faulty_changes: 0,
    faulty_changes_caught: 0,
    failing_tests: 0,
    failing_tests_caught: 0,
    change_recall: null,
    test_recall: null,
    tests_skipped: 0,
  };
}

function addRun(safety: ModelSafety, shadow: Shadow, failing: readonly string[]): void {
  const skipped = new Set(shadow.skipped);
  const caught = failing.filter((test) => !skipped.has(test)).length;
  safety.runs += 1;
  safety.tests_skipped += skipped.size;
  if (failing.length === 0) return;
  safety.faulty_changes += 1;
  if (caught > 0) safety.faulty_changes_caught += 1;
  safety.failing_tests += failing.length;
  safety.failing_tests_caught += caught;
}

/** Per model (graph alone included), how many faulty changes and failing tests its selections kept. */
export function measuredSafety(runs: readonly CanaryOutcome[]): ModelSafety[] {
  const byModel = new Map<string, ModelSafety>();
  for (const run of runs) {
    const failing = run.failed.filter((test) => !run.flaky.has(test));
    for (const shadow of run.shadows) {
      const safety = byModel.get(shadow.model) ?? blank(shadow.model);
      byModel.set(shadow.model, safety);
      addRun(safety, shadow, failing);
    }
  }
  return [...byModel.values()]
    .map((s) => ({
      ...s,
      change_recall: s.faulty_changes === 0 ? null : s.faulty_changes_caught / s.faulty_changes,
      test_recall: s.failing_tests === 0 ? null : s.failing_tests_caught / s.failing_tests,
    }))
    .sort((a, b) => b.runs - a.runs || a.model.localeCompare(b.model));
}
