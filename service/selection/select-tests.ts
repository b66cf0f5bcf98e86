import type { SelectionRequest } from "../../contract/selection.js";
import { isTestFile } from "../../selector/policy/match-globs.js";
import { defaultPolicy } from "../../selector/policy/parse-policy.js";
import type { Policy } from "../../selector/policy/types.js";
import { type DecideOptions, decide, type TestEvidence } from "../../selector/select/decide.js";
import { selectionResult } from "../../selector/select/selection-result.js";
import type { SelectionResult } from "../../selector/select/types.js";
import { ApiError } from "../api-error.js";
import { LoopSlices, mapInSlices } from "../loop-slices.js";

const DEFAULT_THRESHOLD = 0.85;

/** Decisions are keyed by test path; two entries for one test would make the answer ambiguous. */
/** A test named twice is refused; 100,000 paths are hashed a slice at a time (over 100 ms in one go when loaded). */
async function assertUniquePaths(tests: SelectionRequest["tests"]): Promise<void> {
  const seen = new Set<string>();
  const slices = new LoopSlices();
  for (let index = 0; index < tests.length; index++) {
    const { path } = tests[index]!;
    if (seen.has(path)) {
      throw new ApiError("VALIDATION_FAILED", `body.tests[${index}].path: duplicate test "${path}"`);
    }
    seen.add(path);
    if ((index & 4_095) === 4_095) await slices.pause();
  }
}

/**
 * One test's evidence for the decision rule. Built by assignment, not by spreading a small object
 * per optional field: on a 5,000-test request the spreads were 2% of the request's CPU and most
 * of the garbage this step made.
 */
export function evidenceOf(test: SelectionRequest["tests"][number]): TestEvidence {
  const evidence: TestEvidence = { path: test.path, features: test.features, forced: test.forced ?? [] };
  if (test.graph_path) evidence.graphPath = test.graph_path;
  if (test.used_names) evidence.usedNames = test.used_names;
  if (test.reach === "loads-changed-code") evidence.loadsChangedCode = true;
  if (test.reach === "types-only") evidence.typesOnly = true;
  if (test.type_checked) evidence.typeChecked = true;
  if (test.coverage_blind) evidence.coverageBlind = true;
  if (test.coverage) evidence.coverage = test.coverage;
  return evidence;
}

/**
 * Deleted test files are reported, never run (DESIGN "Overrides"). The set of listed tests is
 * built only when a change deleted or renamed a test file: most changes do neither.
 */
function deletedTests(input: SelectionRequest, policy: Policy): string[] {
  const isTest = isTestFile(policy);
  const gone = input.changed_files
    .filter((c) => c.status === "deleted" || (c.status === "renamed" && c.old_path))
    .map((c) => (c.status === "renamed" ? c.old_path! : c.path))
    .filter(isTest);
  if (gone.length === 0) return gone;
  const listed = new Set(input.tests.map((t) => t.path));
  return gone.filter((path) => !listed.has(path));
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

export async function selectTests(
  input: SelectionRequest,
  policy: Policy | undefined,
  model: ModelChoice = {},
): Promise<SelectionResult> {
  const started = performance.now();
  await assertUniquePaths(input.tests);
  const threshold = input.confidence_threshold ?? policy?.selection.confidence_threshold ?? DEFAULT_THRESHOLD;
  const granularity = input.granularity ?? "symbol";
  const fullReason = input.full_reason ?? model.fullReason;
  const options: DecideOptions = {
    threshold,
    granularity,
    ...(fullReason ? { fullReason } : {}),
    ...(model.score ? { score: model.score } : {}),
    ...(model.modelName ? { modelName: model.modelName } : {}),
  };
  // Each test's decision stands alone: 100,000 tests are decided a slice at a time, so the
  // request holds the event loop for milliseconds, not the half second of the whole rule.
  const decisions = await mapInSlices(input.tests, (tests) => decide(tests.map(evidenceOf), options));
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
