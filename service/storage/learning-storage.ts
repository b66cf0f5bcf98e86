import type { CanaryRun, CanarySettings, Shadow } from "../../selector/model/canary.js";
import type { CoChangeStats, FailureStats } from "../../selector/model/history.js";
import type { Example } from "../../selector/model/train.js";
import type { TrainedModel } from "../../selector/model/trained-model.js";

/** The graph-only model's name wherever a model id is expected. */
export const COLD_START = "cold-start";

export type ModelStatus = "candidate" | "serving" | "retired" | "rolled_back" | "rejected";

/** A trained model version of one repository. */
export interface ModelRecord {
  id: string;
  repo_id: string;
  version: number;
  status: ModelStatus;
  model: TrainedModel;
  created_at: string;
  promoted_at: string | null;
  retired_at: string | null;
  /** Why it was rolled back, rejected or retired. */
  reason: string | null;
}

/** Where a repository's learning stands. */
export interface RepoLearning {
  repo_id: string;
  serving: ModelRecord | undefined;
  candidate: ModelRecord | undefined;
  /** The graph-only selection itself missed failures: every run runs everything until a promotion. */
  fallbackFull: boolean;
  failureStats: FailureStats;
  labelledRuns: number;
  runsSinceModel: number;
  failures: number;
  historyCommits: number;
  historyImportedAt: string | null;
}

/** What the learning loop records beside a run when it is decided. */
export interface RunLearning {
  run_id: string;
  repo_id: string;
  commit_sha: string;
  created_at: string;
  changed_files: string[];
  canary: CanarySettings;
  flaky: { quarantine: boolean };
  /** A canary full run: everything ran while the shadow selections were recorded. */
  is_canary: boolean;
  shadows: Shadow[];
}

export interface FlakyTest {
  repo_id: string;
  test_path: string;
  /** Commits on which the test both passed and failed. */
  flaky_commits: number;
  failures: number;
  runs: number;
  last_seen_at: string;
  last_commit_sha: string;
}

/** The result of a canary decision that changes which model serves. */
export interface Rollback {
  /** The model judged: a model id, or "cold-start". */
  from: string;
  runId: string;
  reason: string;
  missRate: number;
  window: number;
}

/**
 * The learning loop's storage, beside `Storage`'s runs: per repository state, models, co-change
 * and flakiness. Every method that takes an organization id reads only that organization's rows.
 */
export interface LearningStorage {
  repoLearning(orgId: string, repoId: string): Promise<RepoLearning>;
  /** Co-change counts of the given source files only (all a selection looks at). */
  coChange(repoId: string, files: readonly string[]): Promise<CoChangeStats>;
  /** Replaces the repository's co-change statistics with a fresh import. */
  replaceCoChange(
    orgId: string,
    repoId: string,
    stats: CoChangeStats,
    commits: number,
    now: Date,
  ): Promise<void>;

  recordRunLearning(orgId: string, row: RunLearning): Promise<void>;
  /**
   * Marks the run as learned and returns what was recorded with it, exactly once: a retried report
   * or another replica gets undefined.
   */
  claimRunForLearning(orgId: string, runId: string): Promise<RunLearning | undefined>;
  /**
   * Folds one run into the repository's failure statistics under a lock: `fold` gets the statistics
   * before this run and returns the run's training examples, which are stored with the run.
   */
  learnRun(
    orgId: string,
    run: RunLearning,
    now: Date,
    fold: (stats: FailureStats) => { examples: Example[]; labelled: boolean; failures: number },
  ): Promise<void>;
  /** Training examples of the newest labelled runs, one array per run, newest first. */
  trainingExamples(repoId: string, runs: number): Promise<Example[][]>;
  /** The newest canary full runs that have results, newest first. */
  canaryRuns(repoId: string, limit: number): Promise<(CanaryRun & { created_at: string })[]>;

  /**
   * Stores a new model as the repository's candidate (replacing an untried one); with `rejected`,
   * stores it `rejected` for that reason instead, leaving any candidate alone. Either way the count
   * of runs since the last model starts again.
   */
  addCandidate(
    orgId: string,
    repoId: string,
    model: TrainedModel,
    now: Date,
    rejected?: string,
  ): Promise<ModelRecord>;
  listModels(orgId: string, repoId: string): Promise<ModelRecord[]>;
  /**
   * Promotes or rejects the candidate, when it is still `candidateId`: a replica that judged the same
   * canary run a moment later changes nothing. True when it acted.
   */
  promoteCandidate(orgId: string, repoId: string, candidateId: string, now: Date): Promise<boolean>;
  rejectCandidate(
    orgId: string,
    repoId: string,
    candidateId: string,
    reason: string,
    now: Date,
  ): Promise<boolean>;
  /**
   * Retires the serving model for the previous one (or the graph-only selection; from the graph-only
   * selection to full runs) and queues `canary.rollback` in the same transaction. Returns what it
   * did, or undefined when `rollback.from` no longer serves (another replica rolled it back first).
   */
  rollback(
    orgId: string,
    repoId: string,
    rollback: Rollback,
    now: Date,
  ): Promise<{ from: string; to: string } | undefined>;

  /** Test paths of the repository seen passing and failing on one commit. */
  flakyPaths(repoId: string): Promise<Set<string>>;
  listFlaky(orgId: string, repoId?: string): Promise<FlakyTest[]>;
  /** Tests a run reported failed that were quarantined as flaky (empty without quarantine). */
  quarantined(runId: string): Promise<string[]>;
}
