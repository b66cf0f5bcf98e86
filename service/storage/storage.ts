import type { TestFeatures } from "../../selector/model/features.js";
import type { CoverageStorage } from "./coverage-storage.js";
import type { DispatchStorage } from "./dispatch-storage.js";
import type { DurationStorage } from "./duration-storage.js";
import type { IdempotencyStorage } from "./idempotency-storage.js";
import type { InsightsStorage } from "./insights-storage.js";
import type { LearningStorage } from "./learning-storage.js";
import type { SlidingCounts } from "./queries/rate-limits.js";

export type TokenScope = "read" | "read+write";
/** `queued`: triggered through the API, waiting for the action run that adopts it. */
export type RunStatus = "queued" | "pending" | "running" | "passed" | "failed" | "incomplete";
export type Outcome = "passed" | "failed" | "skipped";
export type WebhookEvent = "run.started" | "run.passed" | "run.failed" | "canary.rollback";

export interface Organization {
  id: string;
  name: string;
  plan: string;
  seats: number;
  created_at: string;
}

export interface TokenRecord {
  id: string;
  org_id: string;
  scope: TokenScope;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  /** null: the token does not expire. */
  expires_at: string | null;
}

export interface Repo {
  id: string;
  name: string;
  policy_path: string;
  status: "connected" | "disconnected";
  created_at: string;
}

export interface Run {
  id: string;
  repo_id: string;
  commit_sha: string;
  base_sha: string | null;
  policy_ref: string | null;
  status: RunStatus;
  mode: "selective" | "full";
  full_reason: string | null;
  granularity: "symbol" | "file";
  tests_selected: number;
  tests_total: number;
  confidence_threshold: number;
  model_version: string | null;
  duration_ms: number | null;
  created_at: string;
  updated_at: string;
  /** Where the run came from, as the CI said; null when it did not say. */
  branch: string | null;
  pull_request: number | null;
  event: string | null;
  actor: string | null;
  ci_run_url: string | null;
  /** How many shards report to the run; null: one report completes it. */
  shard_total: number | null;
}

/** What a report says beside its results. */
export interface ReportOptions {
  /** The shard that reports; absent for an unsharded run. */
  shard?: Shard;
  /** Failed results whose path names no test: stored nowhere, they still fail the run. */
  unmappedFailed?: number;
}

/** A shard of a sharded run: `index` of `total`, 1-based. */
export interface Shard {
  index: number;
  total: number;
}

export interface StoredDecision {
  test_path: string;
  selected: boolean;
  confidence: number;
  reasons: string[];
  features: TestFeatures;
}

export interface TestResult {
  test_path: string;
  outcome: Outcome;
  duration_ms: number;
  /** A failed file's first failure, as the report gave it. */
  message?: string;
}

export interface RunDetail extends Run {
  decisions: StoredDecision[];
  results: TestResult[];
  /** Shards that have reported, ascending (empty when not sharded). */
  shards_reported: number[];
}

/** Where a run came from: null (or left out of a NewRun) when the CI did not say. */
type RunContext = "branch" | "pull_request" | "event" | "actor" | "ci_run_url" | "shard_total";

export type NewRun = Omit<Run, "duration_ms" | "updated_at" | RunContext> &
  Partial<Pick<Run, RunContext>> & {
    /** Set for a sharded run: the other shards of the same CI run join it (createRun). */
    shard_group?: string;
    /**
     * A run the action starts: it takes the place of a run queued for its commit since `since`
     * (createRun), or of the queued run with this id (a workflow_dispatch names it). A run queued
     * before `since` has expired, read or not: it is adopted by none.
     */
    adopt_queued?: { id?: string; since: Date };
    /** A run queued through the API: its workflow is dispatched when the repository has settings. */
    dispatch?: boolean;
  };

export interface RunFilter {
  page: number;
  perPage: number;
  status?: RunStatus;
  repoId?: string;
  branch?: string;
  pullRequest?: number;
}

export interface Webhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  created_at: string;
}

export type DeliveryStatus = "pending" | "delivered" | "failed";

/** One POST to a receiver: its HTTP status, or the error when no status came back. */
export interface DeliveryAttempt {
  attempt: number;
  started_at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** A delivery as `GET /v1/webhooks/{id}/deliveries` shows it, with every attempt. */
export interface DeliveryRecord {
  id: string;
  webhook_id: string;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  payload: string;
  created_at: string;
  next_attempt_at: string | null;
  delivered_at: string | null;
  failed_at: string | null;
  last_error: string | null;
  attempt_log: DeliveryAttempt[];
}

/** What a delivery worker needs to send one leased outbox row. */
export interface ClaimedDelivery {
  id: string;
  webhook_id: string;
  url: string;
  secret: string;
  event: WebhookEvent;
  payload: string;
  /** This send's number: sends are counted when claimed, so one lost with its replica still counts. */
  attempt: number;
  created_at: string;
}

/** After an attempt: done, try again at `at`, or give up (retries ran out) as of `at`. */
export type DeliveryOutcome =
  | { kind: "delivered"; at: Date }
  | { kind: "retry"; at: Date; error: string }
  | { kind: "failed"; at: Date; error: string };

export interface DeliveryPage {
  page: number;
  perPage: number;
  status?: DeliveryStatus;
}

export interface Usage {
  runs: number;
  /** Runs whose selection skipped at least the chance to skip: mode `selective`. */
  selections: number;
  tests_skipped: number;
  /** The skipped test files at their newest measured durations (results and uploads), added up. */
  skipped_ms: number;
  /** Skips of test files never measured: counted here, priced at nothing. */
  skipped_unmeasured: number;
}

/**
 * Everything the service keeps. Every read and write of organization data takes the organization
 * id, so a caller cannot reach another organization's rows by id alone. Writes that belong
 * together (a run and its decisions and webhook events) happen in one transaction.
 */
export interface Storage {
  readonly engine: "sqlite" | "postgres";
  /** The learning loop: models, co-change, flaky tests (service/storage/learning-storage.ts). */
  readonly learning: LearningStorage;
  /** The latest coverage record of each test (service/storage/coverage-storage.ts). */
  readonly coverage: CoverageStorage;
  /** Durations measured before the service was set up (service/storage/duration-storage.ts). */
  readonly durations: DurationStorage;
  /** workflow_dispatch settings and outbox (service/storage/dispatch-storage.ts). */
  readonly dispatch: DispatchStorage;
  /** `Idempotency-Key` records (service/storage/idempotency-storage.ts). */
  readonly idempotency: IdempotencyStorage;
  /** The dashboard's and insights routes' reads (service/storage/insights-storage.ts). */
  readonly insights: InsightsStorage;
  ensureOrganization(name: string, now: Date): Promise<Organization>;
  /**
   * A new organization and its first token in one transaction; undefined when the name is taken,
   * so the operator key can create organizations but never mint tokens for existing ones.
   */
  createOrganizationWithToken(
    name: string,
    token: { scope: TokenScope; hash: string; expiresAt?: Date },
    now: Date,
  ): Promise<{ org: Organization; token: TokenRecord } | undefined>;
  getOrganization(orgId: string): Promise<Organization | undefined>;

  /** `expiresAt` absent: the token lives until it is revoked. */
  createToken(
    orgId: string,
    scope: TokenScope,
    hash: string,
    now: Date,
    expiresAt?: Date,
  ): Promise<TokenRecord>;
  /** The token with this hash, revoked or not; the caller decides what revocation means. */
  findToken(hash: string): Promise<TokenRecord | undefined>;
  touchToken(id: string, now: Date): Promise<void>;
  /** False when the organization has no such token. */
  revokeToken(orgId: string, id: string, now: Date): Promise<boolean>;

  /** Idempotent: connecting a repository twice returns the first record. */
  connectRepo(orgId: string, name: string, now: Date): Promise<Repo>;
  getRepo(orgId: string, id: string): Promise<Repo | undefined>;
  listRepos(orgId: string): Promise<Repo[]>;

  /**
   * Stores a run with its decisions and queues `run.started` when it starts `running` (and
   * `run.passed` too when it starts `passed`: nothing to run). A run with a `shard_group` that
   * another run of the repository already has is not stored: that run is returned, `joined`.
   * `decisionColumns`: `decisions` as the answer's `decision_columns` JSON in pieces, when their
   * stored record holds them in the order given, so the answer reuses what storing them wrote.
   */
  createRun(
    orgId: string,
    run: NewRun,
    decisions: StoredDecision[],
  ): Promise<RunDetail & { joined?: true; decisionColumns?: readonly string[] }>;
  /** The repository's run for a shard group, if one was stored. */
  findShardGroup(orgId: string, repoId: string, group: string): Promise<RunDetail | undefined>;
  /**
   * Turns the organization's `running` runs that heard nothing since `before.running`, and its
   * `queued` runs queued before `before.queued`, into `incomplete` (lazily, before they are read);
   * the dispatch still pending for an expired queued run is skipped. Returns how many runs.
   */
  expireRuns(orgId: string, before: { running: Date; queued: Date }, now: Date): Promise<number>;
  getRun(orgId: string, id: string): Promise<RunDetail | undefined>;
  listRuns(orgId: string, filter: RunFilter): Promise<{ runs: Run[]; total: number }>;
  /**
   * Upserts results by test path (a retried report changes nothing), sets the run `passed` or
   * `failed` from all its results and queues the matching event when the status changes; prices
   * what the run's skipped tests would have taken (its time saved) in the same transaction.
   */
  recordResults(
    orgId: string,
    runId: string,
    results: TestResult[],
    now: Date,
    report?: ReportOptions,
  ): Promise<RunDetail | undefined>;
  /** The test command's wall time for the run: the longest reported wins (shards run side by side). */
  recordRunDuration(orgId: string, runId: string, wallMs: number): Promise<void>;
  /** Usage in the billing period (calendar month, UTC) that starts at `periodStart`. */
  usage(orgId: string, periodStart: Date): Promise<Usage>;

  createWebhook(orgId: string, webhook: Webhook, secret: string): Promise<Webhook>;
  listWebhooks(orgId: string): Promise<Webhook[]>;
  deleteWebhook(orgId: string, id: string): Promise<boolean>;
  /** Newest first with their attempts; undefined when the organization has no such webhook. */
  deliveryLog(
    orgId: string,
    webhookId: string,
    page: DeliveryPage,
  ): Promise<{ deliveries: DeliveryRecord[]; total: number } | undefined>;

  /**
   * Leases up to `limit` due deliveries to `owner` until `now + leaseMs`. Concurrent callers (other
   * replicas) never receive the same row while its lease holds.
   */
  claimDeliveries(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]>;
  /** Records the attempt and ends the lease with the outcome; a lost lease still records the attempt. */
  finishDelivery(
    owner: string,
    id: string,
    attempt: DeliveryAttempt,
    outcome: DeliveryOutcome,
  ): Promise<void>;
  /** Gives back every lease `owner` holds, so another replica may deliver those rows at once. */
  releaseDeliveries(owner: string): Promise<number>;

  /**
   * One hit on `key`'s sliding window (the fixed windows starting at `windowStart` and
   * `previousStart`): counted only when `fits` says so, atomically across every replica.
   */
  hitSlidingWindow(
    key: string,
    windowStart: Date,
    previousStart: Date,
    fits: (counts: SlidingCounts) => boolean,
  ): Promise<SlidingCounts & { allowed: boolean }>;

  /** Answers when the database does; rejects when it errors or takes longer than `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;

  close(): Promise<void>;
}
