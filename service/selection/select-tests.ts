import type { SelectionRequest } from "../../contract/selection.js";
import { isTestFile } from "../../selector/policy/match-globs.js";
import { defaultPolicy } from "../../selector/policy/parse-policy.js";
import type { Policy } from "../../selector/policy/types.js";
import { type DecideOptions, decide, type TestEvidence } from "../../selector/select/decide.js";
import { selectionResult } from "../../selector/select/selection-result.js";
import type { SelectionResult } from "../../selector/select/types.js";
import { ApiError } from "../api-error.js";

const DEFAULT_THRESHOLD = 0.85;

/** Decisions are keyed by test path; two entries for one test would make the answer ambiguous. */
function assertUniquePaths(tests: SelectionRequest["tests"]): void {
  const seen = new Set<string>();
  tests.forEach((test, index) => {
    if (seen.has(test.path)) {
      throw new ApiError("VALIDATION_FAILED", `body.tests[${index}].path: duplicate test "${test.path}"`);
    }
    seen.add(test.path);
  });
}

export function evidenceOf(test: SelectionRequest["tests"][number]): TestEvidence {
  return {
    path: test.path,
    features: test.features,
    ...(test.graph_path ? { graphPath: test.graph_path } : {}),
    ...(test.used_names ? { usedNames: test.used_names } : {}),
    ...(test.reach === "loads-changed-code" ? { loadsChangedCode: true } : {}),
    ...(test.reach === "types-only" ? { typesOnly: true } : {}),
    ...(test.type_checked ? { typeChecked: true } : {}),
    ...(test.coverage_blind ? { coverageBlind: true } : {}),
    ...(test.coverage ? { coverage: test.coverage } : {}),
    forced: test.forced ?? [],
  };
}

/** Deleted test files are reported, never run (DESIGN "Overrides"). */
function deletedTests(input: SelectionRequest, policy: Policy): string[] {
  const isTest = isTestFile(policy);
  const listed = new Set(input.tests.map((t) => t.path));
  return input.changed_files
    .filter((c) => c.status === "deleted" || (c.status === "renamed" && c.old_path))
    .map((c) => (c.status === "renamed" ? c.old_path! : c.path))
    .filter((path) => isTest(path) && !listed.has(path));
}

/**
 * Runs the selector's decision rule over the evidence the action computed. The request's threshold
 * wins over the policy's, as `--threshold` does in the CLI.
 */
/** What the learning loop adds to a selection: a trained model's scorer, or a canary full run. */
export interface ModelChoice {
  score?: DecideOptions["score"];
  modelName?: string;
  /** A canary full run: every test runs while the shadow selection is recorded. */
  fullReason?: string;
}

export function selectTests(
  input: SelectionRequest,
  policy: Policy | undefined,
  model: ModelChoice = {},
): SelectionResult {
  const started = performance.now();
  assertUniquePaths(input.tests);
  const threshold = input.confidence_threshold ?? policy?.selection.confidence_threshold ?? DEFAULT_THRESHOLD;
  const granularity = input.granularity ?? "symbol";
  const fullReason = input.full_reason ?? model.fullReason;
  const decisions = decide(input.tests.map(evidenceOf), {
    threshold,
    granularity,
    ...(fullReason ? { fullReason } : {}),
    ...(model.score ? { score: model.score } : {}),
    ...(model.modelName ? { modelName: model.modelName } : {}),
  });
  return selectionResult({
    decisions,
    threshold,
    granularity,
    fullReason,
    deletedTests: deletedTests(input, policy ?? defaultPolicy()),
    changedFiles: input.changed_files,
    warnings: [],
    timings: { decide_ms: Math.round(performance.now() - started) },
  });
}
