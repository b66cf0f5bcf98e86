import type { SelectionRequest } from "../../contract/selection.js";
import type { Shadow } from "../../selector/model/canary.js";
import { coldStartConfidence } from "../../selector/model/cold-start.js";
import type { TestFeatures } from "../../selector/model/features.js";
import { type CoChangeStats, historyFeatures } from "../../selector/model/history.js";
import { scoreTest } from "../../selector/model/trained-model.js";
import { defaultPolicy } from "../../selector/policy/parse-policy.js";
import type { Policy } from "../../selector/policy/types.js";
import type { TestEvidence } from "../../selector/select/decide.js";
import { decideTests, type ModelChoice } from "../selection/select-tests.js";
import type { ModelRecord, RepoLearning, RunLearning } from "../storage/learning-storage.js";
import type { Storage } from "../storage/storage.js";
import { modelId, planRun } from "./plan-run.js";

/** How a decision names the graph-only selection raised by git co-change. */
export const CO_CHANGE_PRIOR = "cold-start + git co-change";

/** What the learning loop decides before a selection, and records beside the run after it. */
export interface LearnedSelection {
  model: ModelChoice;
  modelVersion: string;
  /** The run's learning record, less what only the stored run knows. */
  record: Omit<RunLearning, "run_id" | "created_at" | "shadows">;
  /** The shadow selections to record at the threshold the selection used (canary full runs only). */
  shadows: (threshold: number) => Promise<Shadow[]>;
  /**
   * What the graph alone (with git co-change) would have selected at that threshold, when a trained
   * model decides a selective run: the summary says so when the model selected more.
   */
  graphAlone: (threshold: number) => Promise<string[] | undefined>;
}

/** Paths a change touches, renamed files by both names: what history features are keyed by. */
export function changedPaths(input: SelectionRequest): string[] {
  const paths = new Set<string>();
  for (const change of input.changed_files) {
    paths.add(change.path);
    if (change.old_path) paths.add(change.old_path);
  }
  return [...paths];
}

function scorerOf(
  model: ModelRecord | undefined,
  coChange: CoChangeStats,
  state: RepoLearning,
  changed: readonly string[],
): ((features: TestFeatures, evidence: TestEvidence) => number) | undefined {
  if (!model) {
    if (coChange.pairs.size === 0) return undefined;
    // Day one: before any model, a test that changed together with a changed file in git is at
    // least as likely affected as the share of that file's commits it shared. Never below the graph.
    return (features, evidence) =>
      Math.max(
        coldStartConfidence(features),
        historyFeatures(coChange, state.failureStats, changed, evidence.path).coChange,
      );
  }
  return (features, evidence) =>
    scoreTest(model.model, features, historyFeatures(coChange, state.failureStats, changed, evidence.path));
}

/**
 * Picks the model for a run (the serving one, a candidate for its share, the graph-only selection),
 * and for a canary full run computes the shadow selections it records: what each model would have
 * skipped. Forced rules and the safety floor of `decide` apply to shadows as to real selections.
 */
export async function learnedSelection(
  storage: Storage,
  orgId: string,
  repoId: string,
  input: SelectionRequest,
  policy: Policy | undefined,
): Promise<LearnedSelection> {
  const effective = policy ?? defaultPolicy();
  const state = await storage.learning.repoLearning(orgId, repoId);
  const plan = planRun(state, input.commit_sha, effective.canary, Boolean(input.full_reason));
  const changed = changedPaths(input);
  const coChange = await storage.learning.coChange(repoId, changed);
  const score = scorerOf(plan.decider, coChange, state, changed);
  const granularity = input.granularity ?? "symbol";
  // A shadow decides every test again: in slices, as the selection itself is, so a canary run of
  // 100,000 tests holds the loop milliseconds at a time, not once per model for the whole rule.
  const decideWith = (model: ModelRecord | undefined, threshold: number) => {
    const shadowScore = scorerOf(model, coChange, state, changed);
    const options = { threshold, granularity, ...(shadowScore ? { score: shadowScore } : {}) };
    return decideTests(input.tests, options);
  };
  const shadows = async (threshold: number): Promise<Shadow[]> => {
    const out: Shadow[] = [];
    for (const model of plan.shadows) {
      const decisions = await decideWith(model, threshold);
      out.push({
        model: modelId(model),
        skipped: decisions.filter((d) => !d.selected).map((d) => d.test_path),
      });
    }
    return out;
  };
  const graphAlone = async (threshold: number) =>
    plan.decider && !plan.canaryReason && !input.full_reason
      ? (await decideWith(undefined, threshold)).filter((d) => d.selected).map((d) => d.test_path)
      : undefined;
  return {
    model: {
      ...(score ? { score, modelName: plan.decider ? plan.decider.id : CO_CHANGE_PRIOR } : {}),
      ...(plan.canaryReason ? { fullReason: plan.canaryReason } : {}),
    },
    modelVersion: modelId(plan.decider),
    record: {
      repo_id: repoId,
      commit_sha: input.commit_sha,
      changed_files: changed,
      canary: effective.canary,
      flaky: effective.flaky,
      is_canary: plan.canaryReason !== undefined,
    },
    shadows,
    graphAlone,
  };
}
