import { type CanarySettings, commitDraw } from "../../selector/model/canary.js";
import { COLD_START, type ModelRecord, type RepoLearning } from "../storage/learning-storage.js";

/** Which model decides a run, and whether it is a canary full run with shadow selections. */
export interface RunPlan {
  /** The model that decides (its id, or "cold-start" for the graph-only selection). */
  decider: ModelRecord | undefined;
  /** Set for a canary full run: why everything runs. */
  canaryReason?: string;
  /** Models whose selection is recorded but not used (canary full runs only); undefined: the graph alone. */
  shadows: (ModelRecord | undefined)[];
}

export function modelId(model: ModelRecord | undefined): string {
  return model?.id ?? COLD_START;
}

/**
 * DESIGN "Canary and rollback": from the first run, `full_run_rate` of a repository's commits run
 * everything while the shadow selections of the graph alone, of the serving model and of the
 * candidate are recorded, so the graph alone's misses are measured before any model exists and
 * every model is compared with it. A candidate never decides a run: it is judged on the canary's
 * shadows only, so a model that would select more, or miss more, serves no run before it is
 * promoted. After the graph-only selection itself missed, every run is full.
 */
export function planRun(
  state: RepoLearning,
  commitSha: string,
  canary: CanarySettings,
  forcedFull: boolean,
): RunPlan {
  const { serving, candidate } = state;
  const shadows = [undefined, ...(serving ? [serving] : []), ...(candidate ? [candidate] : [])];
  if (forcedFull) return { decider: serving, shadows: [] };
  if (state.fallbackFull) {
    return {
      decider: serving,
      shadows,
      canaryReason:
        "canary: the graph-only selection missed failing tests; every test runs until a new model is promoted",
    };
  }
  if (commitDraw("canary", commitSha) < canary.full_run_rate) {
    const rate = Math.round(canary.full_run_rate * 1000) / 10;
    const what = serving || candidate ? "the model's selection" : "the graph's selection";
    return {
      decider: serving,
      shadows,
      canaryReason: `canary: ${rate}% of commits run every test to check ${what}`,
    };
  }
  return { decider: serving, shadows: [] };
}
