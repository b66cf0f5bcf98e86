import { type SecretBox, SecretKeyError } from "../auth/secret-box.js";
import { OutboxWorker, type OutboxWorkerOptions } from "../outbox-worker.js";
import { newId } from "../random-id.js";
import type { ClaimedDispatch, DispatchOutcome } from "../storage/queries/dispatches.js";
import { type DispatchAnswer, dispatchWorkflow, GITHUB_API_URL } from "./dispatch-workflow.js";

export interface DispatchWorkerOptions extends OutboxWorkerOptions {
  /** Opens the repositories' tokens; absent when the operator set no SUPERPLANE_SECRET_KEY. */
  secrets?: SecretBox;
  apiUrl?: string;
}

/**
 * Dispatches the workflow of each run queued through the API for a repository with dispatch
 * settings, from the outbox the run was queued with (storage/queries/dispatches.ts): leased like
 * webhook deliveries, so replicas share the work, and retried with the same backoff when GitHub
 * is down. The run stays `queued` until the action run the dispatch starts adopts it.
 */
export class DispatchWorker extends OutboxWorker<ClaimedDispatch> {
  readonly owner = newId("dispatcher");

  constructor(protected override readonly options: DispatchWorkerOptions) {
    super(options, 8);
  }

  protected claim(now: Date): Promise<ClaimedDispatch[]> {
    return this.options.storage.dispatch.claim(this.owner, now, this.leaseMs, this.batchSize);
  }

  protected async send(row: ClaimedDispatch): Promise<void> {
    const answer = await this.dispatch(row);
    const outcome = this.outcomeOf(row, answer);
    try {
      await this.options.storage.dispatch.finish(this.owner, row.run_id, outcome);
    } catch (error) {
      // The lease runs out and the dispatch is tried again.
      this.onError(error);
    }
  }

  private async dispatch(row: ClaimedDispatch): Promise<DispatchAnswer | { kind: "skipped"; error: string }> {
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
    const next = this.retryAt(row, now);
    if (next) return { kind: "retry", at: next, error: answer.error };
    return { kind: "failed", at: now, error: `${answer.error}; gave up after ${row.attempt} attempts` };
  }

  protected async release(): Promise<void> {
    await this.options.storage.dispatch.release(this.owner);
  }
}
