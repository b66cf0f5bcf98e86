import { type SecretBox, SecretKeyError } from "../auth/secret-box.js";
import type { Clock } from "../clock.js";
import { newId } from "../random-id.js";
import type { ClaimedDispatch, DispatchOutcome } from "../storage/queries/dispatches.js";
import type { Storage } from "../storage/storage.js";
import { nextAttemptAt } from "../webhooks/backoff.js";
import { type DispatchAnswer, dispatchWorkflow, GITHUB_API_URL } from "./dispatch-workflow.js";
import { PollLoop } from "./poll-loop.js";

export interface DispatchWorkerOptions {
  storage: Storage;
  clock: Clock;
  /** Opens the repositories' tokens; absent when the operator set no SUPERPLANE_SECRET_KEY. */
  secrets?: SecretBox;
  apiUrl?: string;
  /** Per call to GitHub. */
  timeoutMs?: number;
  leaseMs?: number;
  pollMs?: number;
  batchSize?: number;
  /** Jitter source in [0, 1). */
  random?: () => number;
  onError?: (error: unknown) => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Dispatches the workflow of each run queued through the API for a repository with dispatch
 * settings, from the outbox the run was queued with (storage/queries/dispatches.ts): leased like
 * webhook deliveries, so replicas share the work, and retried with the same backoff when GitHub
 * is down. The run stays `queued` until the action run the dispatch starts adopts it.
 */
export class DispatchWorker {
  readonly owner = newId("dispatcher");
  private readonly loop: PollLoop;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private stopped: Promise<void> | undefined;

  constructor(private readonly options: DispatchWorkerOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.leaseMs = options.leaseMs ?? this.timeoutMs * 3;
    this.batchSize = options.batchSize ?? 8;
    this.loop = new PollLoop(() => this.runOnce(), {
      batchSize: this.batchSize,
      pollMs: options.pollMs ?? 1_000,
      onError: options.onError ?? (() => {}),
    });
  }

  /** Claims one batch, dispatches it and records each outcome; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const { storage, clock } = this.options;
    const claimed = await storage.dispatch.claim(this.owner, clock.now(), this.leaseMs, this.batchSize);
    await Promise.all(claimed.map((row) => this.dispatch(row)));
    return claimed.length;
  }

  private async dispatch(row: ClaimedDispatch): Promise<void> {
    const answer = await this.send(row);
    const outcome = this.outcomeOf(row, answer);
    try {
      await this.options.storage.dispatch.finish(this.owner, row.run_id, outcome);
    } catch (error) {
      // The lease runs out and the dispatch is tried again.
      this.options.onError?.(error);
    }
  }

  private async send(row: ClaimedDispatch): Promise<DispatchAnswer | { kind: "skipped"; error: string }> {
    if (row.run_status !== "queued") {
      const why = row.run_status ? "an action run started it" : "the run was deleted";
      return { kind: "skipped", error: `not dispatched: ${why} first` };
    }
    if (!row.settings) {
      return {
        kind: "failed",
        error: "the repository's dispatch settings were removed before the run was dispatched",
      };
    }
    if (!this.options.secrets) {
      return {
        kind: "failed",
        error: "the service has no SUPERPLANE_SECRET_KEY to open the repository's GitHub token",
      };
    }
    let token: string;
    try {
      token = this.options.secrets.open(row.settings.token_sealed, row.repo_id);
    } catch (error) {
      if (!(error instanceof SecretKeyError)) throw error;
      return { kind: "failed", error: error.message };
    }
    return dispatchWorkflow(
      {
        apiUrl: this.options.apiUrl ?? GITHUB_API_URL,
        repoId: row.repo_id,
        repository: row.repo_name,
        workflow: row.settings.workflow,
        ref: row.settings.ref,
        token,
        runId: row.run_id,
        commitSha: row.commit_sha,
      },
      this.timeoutMs,
    );
  }

  private outcomeOf(
    row: ClaimedDispatch,
    answer: DispatchAnswer | { kind: "skipped"; error: string },
  ): DispatchOutcome {
    const now = this.options.clock.now();
    if (answer.kind !== "retry") return { ...answer, at: now };
    const random = (this.options.random ?? Math.random)();
    const next = nextAttemptAt(new Date(row.created_at), row.attempt, now, random);
    if (next) return { kind: "retry", at: next, error: answer.error };
    return { kind: "failed", at: now, error: `${answer.error}; gave up after ${row.attempt} attempts` };
  }

  start(): void {
    this.loop.start();
  }

  /** Claims nothing more, lets dispatches in flight finish, then gives back any lease. */
  stop(): Promise<void> {
    this.stopped ??= this.loop
      .stop()
      .then(() => this.options.storage.dispatch.release(this.owner).then(() => {}));
    return this.stopped;
  }
}
