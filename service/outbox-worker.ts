import type { Clock } from "./clock.js";
import { PollLoop } from "./poll-loop.js";
import type { Storage } from "./storage/storage.js";
import { nextAttemptAt } from "./webhooks/backoff.js";

export interface OutboxWorkerOptions {
  storage: Storage;
  clock: Clock;
  /** Per send (a POST to a receiver, a call to GitHub), connection to last byte. */
  timeoutMs?: number;
  /** How long a claim holds; longer than a send can take, so a live worker never loses one. */
  leaseMs?: number;
  /** Pause between polls when nothing was due. */
  pollMs?: number;
  /** Rows claimed, and sent in parallel, at a time. */
  batchSize?: number;
  /** Jitter source in [0, 1). */
  random?: () => number;
  onError?: (error: unknown) => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** A leased outbox row as far as retrying it goes: sends are counted at the claim. */
interface ClaimedRow {
  attempt: number;
  created_at: string;
}

/**
 * What the webhook delivery and workflow dispatch workers share: claim a batch of leased rows,
 * send them side by side, poll again (storage/queries/outbox-lease.ts leases the rows), and on stop
 * let the sends in flight finish before giving back any lease. Each subclass says how to claim,
 * send and release its own outbox.
 */
export abstract class OutboxWorker<Row extends ClaimedRow> {
  /** The lease holder's name in the outbox. */
  abstract readonly owner: string;
  protected readonly timeoutMs: number;
  protected readonly leaseMs: number;
  protected readonly batchSize: number;
  protected readonly onError: (error: unknown) => void;
  private readonly loop: PollLoop;
  private stopped: Promise<void> | undefined;

  constructor(
    protected readonly options: OutboxWorkerOptions,
    defaultBatchSize: number,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.leaseMs = options.leaseMs ?? this.timeoutMs * 3;
    this.batchSize = options.batchSize ?? defaultBatchSize;
    this.onError = options.onError ?? (() => {});
    this.loop = new PollLoop(() => this.runOnce(), {
      batchSize: this.batchSize,
      pollMs: options.pollMs ?? 1_000,
      onError: this.onError,
    });
  }

  protected abstract claim(now: Date): Promise<Row[]>;
  /** Sends one row and records the outcome; a failure to record is for `onError`, the lease runs out. */
  protected abstract send(row: Row): Promise<void>;
  /** Gives back the leases still held, after the last send. */
  protected abstract release(): Promise<void>;

  /** Claims one batch, sends it and records each outcome; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim(this.options.clock.now());
    await Promise.all(claimed.map((row) => this.send(row)));
    return claimed.length;
  }

  /** When to try `row` again after this attempt failed, or undefined when its retries ran out. */
  protected retryAt(row: Row, now: Date): Date | undefined {
    const random = (this.options.random ?? Math.random)();
    return nextAttemptAt(new Date(row.created_at), row.attempt, now, random);
  }

  /** Starts polling; a full batch is followed at once by the next. */
  start(): void {
    this.loop.start();
  }

  /**
   * Claims nothing more, lets the sends in flight finish and record, then gives back any lease.
   * Calling it again returns the same promise.
   */
  stop(): Promise<void> {
    this.stopped ??= this.loop.stop().then(() => this.release());
    return this.stopped;
  }
}
