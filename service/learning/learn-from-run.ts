import { canaryVerdict, promotionRuns } from "../../selector/model/canary.js";
import { shouldRetrain } from "../../selector/model/retrain-policy.js";
import { COLD_START, type RunLearning } from "../storage/learning-storage.js";
import type { Storage } from "../storage/storage.js";
import { modelId } from "./plan-run.js";
import { foldRun } from "./run-examples.js";
import { trainRepo } from "./train-repo.js";

/** What learning a run changed, for logs and tests. */
export interface Learned {
  rollback?: { from: string; to: string; reason: string };
  promoted?: string;
  rejected?: string;
  trained?: string;
}

async function judgeCanary(storage: Storage, orgId: string, run: RunLearning, now: Date): Promise<Learned> {
  const state = await storage.learning.repoLearning(orgId, run.repo_id);
  const settings = run.canary;
  const runs = await storage.learning.canaryRuns(
    run.repo_id,
    Math.max(settings.window, promotionRuns(settings)),
  );
  // A model is judged on the runs since it started serving, not on its record before a rollback.
  const since = state.serving?.promoted_at;
  const servingRuns = since ? runs.filter((r) => r.created_at >= since) : runs;
  const serving = modelId(state.serving);
  const candidate = state.candidate?.id;
  // After the graph-only selection rolled back every run is full already: only a promotion helps.
  const verdict = canaryVerdict(
    state.fallbackFull ? [] : servingRuns,
    serving,
    undefined,
    settings,
    COLD_START,
  );
  if (verdict.kind === "rollback") {
    const done = await storage.learning.rollback(
      orgId,
      run.repo_id,
      {
        from: serving,
        runId: run.run_id,
        reason: verdict.reason,
        missRate: verdict.rate.rate,
        window: verdict.rate.runs,
      },
      now,
    );
    return done ? { rollback: { ...done, reason: verdict.reason } } : {};
  }
  if (!candidate) return {};
  const judged = canaryVerdict(runs, serving, candidate, { ...settings, max_miss_rate: 1 });
  if (judged.kind === "promote") {
    const promoted = await storage.learning.promoteCandidate(orgId, run.repo_id, candidate, now);
    return promoted ? { promoted: candidate } : {};
  }
  if (judged.kind === "reject") {
    const reason =
      `over ${judged.candidate.runs} full runs it missed failing tests in ${judged.candidate.missedRuns} ` +
      `and would have skipped ${judged.candidate.skipped} tests; the serving model (${serving}) missed in ` +
      `${judged.serving.missedRuns} and skipped ${judged.serving.skipped}`;
    const rejected = await storage.learning.rejectCandidate(orgId, run.repo_id, candidate, reason, now);
    return rejected ? { rejected: candidate } : {};
  }
  return {};
}

/**
 * The learning loop's step after a run's results: fold its labels into the repository's history
 * (once per run, whichever replica gets there first), judge the canary when it ran everything,
 * and train a new candidate after enough new labelled runs (retrain-policy.ts).
 */
export async function learnFromRun(
  storage: Storage,
  orgId: string,
  runId: string,
  now: Date,
): Promise<Learned> {
  const run = await storage.learning.claimRunForLearning(orgId, runId);
  if (!run) return {};
  const detail = await storage.getRun(orgId, runId);
  if (!detail) return {};
  const flaky = await storage.learning.flakyPaths(run.repo_id);
  const coChange = await storage.learning.coChange(run.repo_id, run.changed_files);
  await storage.learning.learnRun(orgId, run, now, (stats) =>
    foldRun(stats, coChange, run.changed_files, detail, flaky),
  );
  const learned = run.is_canary ? await judgeCanary(storage, orgId, run, now) : {};
  const state = await storage.learning.repoLearning(orgId, run.repo_id);
  if (!state.candidate && shouldRetrain(state.runsSinceModel, state.failures)) {
    const trained = await trainRepo(storage, orgId, run.repo_id, now);
    if ("model" in trained) {
      if (trained.model.status === "rejected") learned.rejected = trained.model.id;
      else learned.trained = trained.model.id;
    }
  }
  return learned;
}
