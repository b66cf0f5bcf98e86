import type { SelectionRequest } from "../../contract/selection.js";
import type { TestFeatures } from "../../selector/model/features.js";
import { isTestFile } from "../../selector/policy/match-globs.js";
import { defaultPolicy } from "../../selector/policy/parse-policy.js";
import type { Policy } from "../../selector/policy/types.js";
import { type DecideOptions, decideOne, type TestEvidence } from "../../selector/select/decide.js";
import { selectionResult } from "../../selector/select/selection-result.js";
import type { Decision, SelectionResult } from "../../selector/select/types.js";
import { ApiError } from "../api-error.js";
import { LoopSlices, mapInSlices } from "../loop-slices.js";

const DEFAULT_THRESHOLD = 0.85;

/**
 * Decisions are keyed by test path; two entries for one test would make the answer ambiguous, so a
 * test named twice is refused. The action sends its tests in git's path order: paths in strictly
 * increasing order are unique, and checking that needs no set. Other input is hashed, 100,000 paths a
 * slice at a time (over 100 ms in one go when loaded).
 */
async function assertUniquePaths(tests: SelectionRequest["tests"]): Promise<void> {
  let increasing = true;
  for (let index = 1; index < tests.length && increasing; index++) {
    increasing = tests[index - 1]!.path < tests[index]!.path;
  }
  if (increasing) return;
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

const NOTHING_FORCED: string[] = [];

/**
 * `test`'s evidence for the decision rule, written into `evidence` (every field, so nothing of the
 * test before stays). One object serves a whole request: `decideOne` keeps nothing of it but the
 * path and reason strings, and an object and an empty `forced` array per test were 10,000 of the
 * request's young objects on a 5,000-test selection.
 */
function fillEvidence(evidence: TestEvidence, test: SelectionRequest["tests"][number]): TestEvidence {
  evidence.path = test.path;
  evidence.features = test.features;
  evidence.forced = test.forced ?? NOTHING_FORCED;
  evidence.graphPath = test.graph_path;
  evidence.usedNames = test.used_names;
  evidence.loadsChangedCode = test.reach === "loads-changed-code" || undefined;
  evidence.typesOnly = test.reach === "types-only" || undefined;
  evidence.typeChecked = test.type_checked || undefined;
  evidence.coverageBlind = test.coverage_blind || undefined;
  evidence.coverage = test.coverage;
  return evidence;
}

/**
 * The decision rule over every test, a slice at a time: each test's decision stands alone, so
 * 100,000 tests hold the event loop for milliseconds, not the half second of the whole rule.
 */
export function decideTests(tests: SelectionRequest["tests"], options: DecideOptions): Promise<Decision[]> {
  const evidence: TestEvidence = { path: "", features: tests[0]?.features as TestFeatures, forced: [] };
  return mapInSlices(tests, (slice) => slice.map((test) => decideOne(fillEvidence(evidence, test), options)));
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
  const decisions = await decideTests(input.tests, options);
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
