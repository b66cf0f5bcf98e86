import { CANDIDATE_SHARE, type CanarySettings, commitDraw } from "../../selector/model/canary.js";
import { COLD_START, type ModelRecord, type RepoLearning } from "../storage/learning-storage.js";

/** Which model decides a run, and whether it is a canary full run with shadow selections. */
export interface RunPlan {
  /** The model that decides (its id, or "cold-start" for the graph-only selection). */
  decider: ModelRecord | undefined;
  /** Set for a canary full run: why everything runs. */
  canaryReason?: string;
  /** Models whose selection is recorded but not used (canary full runs only). */
  shadows: (ModelRecord | undefined)[];
}

export function modelId(model: ModelRecord | undefined): string {
  return model?.id ?? COLD_START;
}

/**
 * DESIGN "Canary and rollback": once a repository has a trained model (serving or being tried),
 * `full_run_rate` of its commits run everything while the shadow selections of the serving model
 * and of the candidate are recorded. The graph-only selection alone needs no canary: it is the
 * documented safe baseline. After the graph-only selection itself missed, every run is full.
 * A candidate decides `CANDIDATE_SHARE` of the other runs until it is promoted or rejected.
 */
export function planRun(
  state: RepoLearning,
  commitSha: string,
  canary: CanarySettings,
  forcedFull: boolean,
): RunPlan {
  const { serving, candidate } = state;
  const shadows = candidate ? [serving, candidate] : [serving];
  if (forcedFull) return { decider: serving, shadows: [] };
  if (state.fallbackFull) {
    return {
      decider: serving,
      shadows,
      canaryReason:
        "canary: the graph-only selection missed failing tests; every test runs until a new model is promoted",
    };
  }
  if (!serving && !candidate) return { decider: undefined, shadows: [] };
  if (commitDraw("canary", commitSha) < canary.full_run_rate) {
    const rate = Math.round(canary.full_run_rate * 1000) / 10;
    return {
      decider: serving,
      shadows,
      canaryReason: `canary: ${rate}% of commits run every test to check the model's selection`,
    };
  }
  if (candidate && commitDraw("candidate", commitSha) < CANDIDATE_SHARE) {
    return { decider: candidate, shadows: [] };
  }
  return { decider: serving, shadows: [] };
}
