import type { Dispatcher } from "undici";
import type { Clock } from "../clock.js";
import { newId } from "../random-id.js";
import type { ClaimedDelivery, DeliveryOutcome, Storage } from "../storage/storage.js";
import { nextAttemptAt } from "./backoff.js";
import { webhookDispatcher } from "./guarded-dispatcher.js";
import { type SendResult, sendDelivery } from "./send-delivery.js";

export interface DeliveryWorkerOptions {
  storage: Storage;
  clock: Clock;
  /** Per POST, connection to last byte. */
  timeoutMs?: number;
  /** How long a claim holds; longer than a POST can take, so a live worker never loses one. */
  leaseMs?: number;
  /** Pause between polls when nothing was due. */
  pollMs?: number;
  /** Deliveries claimed, and sent in parallel, at a time. */
  batchSize?: number;
  allowPrivate?: boolean;
  dispatcher?: Dispatcher;
  /** Jitter source in [0, 1). */
  random?: () => number;
  onError?: (error: unknown) => void;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

function outcomeOf(delivery: ClaimedDelivery, sent: SendResult, now: Date, random: number): DeliveryOutcome {
  if (sent.statusCode !== null && sent.statusCode >= 200 && sent.statusCode < 300) {
    return { kind: "delivered", at: now };
  }
  const error = sent.error ?? `HTTP ${sent.statusCode}`;
  const next = nextAttemptAt(new Date(delivery.created_at), delivery.attempt, now, random);
  return next ? { kind: "retry", at: next, error } : { kind: "failed", at: now, error };
}

/**
 * Sends the outbox inside each `serve` process. Every replica runs one; leases in the database
 * keep them from sending one row at the same time, and a replica that dies simply lets its leases
 * run out. Delivery is at least once: a replica killed after the POST but before recording it
 * leaves the row to be sent again, under the same delivery id.
 */
export class DeliveryWorker {
  readonly owner = newId("worker");
  private readonly storage: Storage;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly allowPrivate: boolean;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly random: () => number;
  private readonly onError: (error: unknown) => void;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(options: DeliveryWorkerOptions) {
    this.storage = options.storage;
    this.clock = options.clock;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.leaseMs = options.leaseMs ?? this.timeoutMs * 3;
    this.pollMs = options.pollMs ?? 1_000;
    this.batchSize = options.batchSize ?? 16;
    this.allowPrivate = options.allowPrivate ?? false;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? webhookDispatcher(this.allowPrivate);
    this.random = options.random ?? Math.random;
    this.onError = options.onError ?? (() => {});
  }

  /** Claims one batch, sends it and records every attempt; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.storage.claimDeliveries(
      this.owner,
      this.clock.now(),
      this.leaseMs,
      this.batchSize,
    );
    await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const started = this.clock.now();
    const sent = await sendDelivery(delivery, {
      dispatcher: this.dispatcher,
      timeoutMs: this.timeoutMs,
      allowPrivate: this.allowPrivate,
      now: started,
    });
    const attempt = {
      attempt: delivery.attempt,
      started_at: started.toISOString(),
      status_code: sent.statusCode,
      error: sent.error,
      duration_ms: sent.durationMs,
    };
    const outcome = outcomeOf(delivery, sent, this.clock.now(), this.random());
    try {
      await this.storage.finishDelivery(this.owner, delivery.id, attempt, outcome);
    } catch (error) {
      // The lease runs out and another attempt follows; the receiver dedupes by delivery id.
      this.onError(error);
    }
  }

  /** Starts polling; a full batch is followed at once by the next. */
  start(): void {
    this.loop ??= this.poll();
  }

  private async poll(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        this.onError(error);
      }
      if (claimed < this.batchSize && !this.stopping) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.pollMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * Claims nothing more, lets the sends in flight finish and record, then gives back any lease.
   * Calling it again returns the same promise.
   */
  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async shutDown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    try {
      await this.storage.releaseDeliveries(this.owner);
    } finally {
      if (this.ownsDispatcher) await this.dispatcher.close();
    }
  }
}
