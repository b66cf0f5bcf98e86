/**
 * Row shapes as both engines store them. Timestamps are ISO-8601 UTC text and JSON is text so one
 * code path serves SQLite and PostgreSQL: ISO strings sort and compare in time order in both, and
 * neither driver turns them into something else on the way back.
 */
import type { DecisionRecord } from "./decision-record.js";
import type { Run } from "./storage.js";

export interface OrganizationsTable {
  id: string;
  name: string;
  plan: string;
  seats: number;
  created_at: string;
}

export interface TokensTable {
  id: string;
  org_id: string;
  hash: string;
  scope: "read" | "read+write";
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  expires_at: string | null;
}

export interface ReposTable {
  id: string;
  org_id: string;
  name: string;
  policy_path: string;
  status: "connected" | "disconnected";
  created_at: string;
}

/** A run as storage.ts gives it, under the table's names, with what only the table keeps. */
export interface RunsTable extends Omit<Run, "confidence_threshold"> {
  org_id: string;
  /** The run's `confidence_threshold`. */
  threshold: number;
  /** What the shards of one CI run share (service/selection/shard-group.ts). */
  shard_group: string | null;
}

/** Which shards of a sharded run have reported (1-based; 0 holds an unsharded run's reports). */
export interface RunShardsTable {
  run_id: string;
  shard: number;
  reported_at: string;
  /** Failed results the reporter could map to no test of the repository: they fail the run. */
  unmapped_failed: number;
}

export interface DecisionsTable {
  run_id: string;
  test_path: string;
  /** 0 or 1: one integer type reads back as a number from both drivers. */
  selected: number;
  confidence: number;
  reasons: string;
  features: string;
}

/** A run's decisions as one record (decision-record.ts); runs stored before 0013 may be in `decisions`. */
export interface RunDecisionsTable extends DecisionRecord {
  run_id: string;
}

/** A large run's record in parts of PART_TESTS tests, `part` 0, 1, … in path order (0017). */
export interface RunDecisionPartsTable extends DecisionRecord {
  run_id: string;
  part: number;
}

/** An organization's usage per billing period, kept as runs are stored and priced (bigint on PostgreSQL). */
export interface UsageCountersTable {
  org_id: string;
  /** The calendar month (UTC) of the runs' created_at: "2025-01". */
  period: string;
  runs: number | string;
  selections: number | string;
  tests_skipped: number | string;
  skipped_ms: number | string;
  skipped_unmeasured: number | string;
}

export interface ResultsTable {
  run_id: string;
  test_path: string;
  outcome: "passed" | "failed" | "skipped";
  duration_ms: number;
  /** A failed file's first failure, "<test>: <message>"; null otherwise. */
  message: string | null;
}

export interface WebhooksTable {
  id: string;
  org_id: string;
  url: string;
  events: string;
  secret: string;
  created_at: string;
}

export interface WebhookOutboxTable {
  id: string;
  webhook_id: string;
  event: string;
  payload: string;
  attempts: number;
  next_attempt_at: string;
  delivered_at: string | null;
  locked_until: string | null;
  /** Which worker holds the lease (until `locked_until`). */
  locked_by: string | null;
  last_error: string | null;
  /** Set when retries ran out (24 hours after creation). */
  failed_at: string | null;
  created_at: string;
}

/** One row per delivery attempt, for `GET /v1/webhooks/{id}/deliveries`. */
export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  started_at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface RateLimitWindowsTable {
  key: string;
  window_start: string;
  count: number;
}

/** Per repository learning state: which model serves, which one is tried, failure history. */
export interface RepoLearningTable {
  repo_id: string;
  org_id: string;
  /** null: the graph-only (cold-start) selection. */
  serving_model_id: string | null;
  candidate_model_id: string | null;
  /** 1 after the graph-only selection itself rolled back: every run runs everything. */
  fallback_full: number;
  /** FailureStatsJson as text. */
  failure_stats: string;
  labelled_runs: number;
  runs_since_model: number;
  failures: number;
  history_commits: number;
  history_imported_at: string | null;
  updated_at: string;
}

/** A trained model version; `model` is the TrainedModel as JSON text. */
export interface ModelsTable {
  id: string;
  org_id: string;
  repo_id: string;
  version: number;
  status: "candidate" | "serving" | "retired" | "rolled_back" | "rejected";
  model: string;
  created_at: string;
  promoted_at: string | null;
  retired_at: string | null;
  reason: string | null;
}

/** What the learning loop keeps per run beside the run itself (JSON columns as text). */
export interface RunLearningTable {
  run_id: string;
  repo_id: string;
  commit_sha: string;
  created_at: string;
  changed_files: string;
  canary: string;
  flaky: string;
  is_canary: number;
  shadows: string;
  /** The (change, test) inputs of every test, by path, as they were when the run was decided. */
  examples: string | null;
  quarantined: string;
  learned: number;
}

export interface CoChangeFilesTable {
  repo_id: string;
  path: string;
  commits: number;
}

export interface CoChangePairsTable {
  repo_id: string;
  source_path: string;
  test_path: string;
  count: number;
}

export interface FlakyObservationsTable {
  repo_id: string;
  test_path: string;
  commit_sha: string;
  seen_at: string;
}

/** The latest coverage record of each test of a repository; `record` is the CoverageRecord as JSON text. */
export interface CoverageRecordsTable {
  repo_id: string;
  test_path: string;
  /** The commit the record was made at (its `commit`, else the upload's). */
  commit_sha: string;
  record: string;
  updated_at: string;
}

/** A test file's newest duration measured without the service (uploaded from `.git/superplane/`). */
export interface TestDurationsTable {
  repo_id: string;
  test_path: string;
  duration_ms: number;
  measured_at: string;
  commit_sha: string;
}

/** A finished run's time saved: its skipped tests priced at their newest measured durations. */
export interface RunSavingsTable {
  run_id: string;
  repo_id: string;
  skipped_tests: number;
  /** Skipped tests with a measured duration; the others count nothing, so the estimate errs low. */
  priced_tests: number;
  skipped_ms: number;
}

/** `Idempotency-Key` records: the request's fingerprint, then its first answer (gzipped). */
export interface IdempotencyKeysTable {
  org_id: string;
  key: string;
  fingerprint: string;
  status: number | null;
  body: Buffer | null;
  content_type: string | null;
  created_at: string;
}

/** A repository's `workflow_dispatch` settings; the token sealed with SUPERPLANE_SECRET_KEY. */
export interface RepoDispatchTable {
  repo_id: string;
  org_id: string;
  /** The workflow file name (`superplane.yml`) or its numeric id, as GitHub's API takes it. */
  workflow: string;
  /** The branch or tag the workflow runs on. */
  ref: string;
  token_sealed: string;
  updated_at: string;
}

/**
 * The dispatch outbox: one row per run queued through the API for a repository that has
 * dispatch settings, leased by a worker like webhook deliveries.
 */
export interface RunDispatchesTable {
  run_id: string;
  org_id: string;
  repo_id: string;
  status: "pending" | "dispatched" | "failed" | "skipped";
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface Database {
  repo_dispatch: RepoDispatchTable;
  run_dispatches: RunDispatchesTable;
  idempotency_keys: IdempotencyKeysTable;
  organizations: OrganizationsTable;
  tokens: TokensTable;
  repos: ReposTable;
  runs: RunsTable;
  run_shards: RunShardsTable;
  decisions: DecisionsTable;
  run_decisions: RunDecisionsTable;
  run_decision_parts: RunDecisionPartsTable;
  usage_counters: UsageCountersTable;
  results: ResultsTable;
  webhooks: WebhooksTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_attempts: WebhookAttemptsTable;
  rate_limit_windows: RateLimitWindowsTable;
  repo_learning: RepoLearningTable;
  models: ModelsTable;
  run_learning: RunLearningTable;
  co_change_files: CoChangeFilesTable;
  co_change_pairs: CoChangePairsTable;
  flaky_observations: FlakyObservationsTable;
  coverage_records: CoverageRecordsTable;
  test_durations: TestDurationsTable;
  run_savings: RunSavingsTable;
}
