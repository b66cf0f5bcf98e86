import type { Dispatcher } from "undici";
import { OutboxWorker, type OutboxWorkerOptions } from "../outbox-worker.js";
import { newId } from "../random-id.js";
import type { ClaimedDelivery, DeliveryOutcome } from "../storage/storage.js";
import { webhookDispatcher } from "./guarded-dispatcher.js";
import { type SendResult, sendDelivery } from "./send-delivery.js";

export interface DeliveryWorkerOptions extends OutboxWorkerOptions {
  allowPrivate?: boolean;
  dispatcher?: Dispatcher;
}

/**
 * Sends the outbox inside each `serve` process. Every replica runs one; leases in the database
 * keep them from sending one row at the same time, and a replica that dies simply lets its leases
 * run out. Delivery is at least once: a replica killed after the POST but before recording it
 * leaves the row to be sent again, under the same delivery id.
 */
export class DeliveryWorker extends OutboxWorker<ClaimedDelivery> {
  readonly owner = newId("worker");
  private readonly allowPrivate: boolean;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(options: DeliveryWorkerOptions) {
    super(options, 16);
    this.allowPrivate = options.allowPrivate ?? false;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? webhookDispatcher(this.allowPrivate);
  }

  protected claim(now: Date): Promise<ClaimedDelivery[]> {
    return this.options.storage.claimDeliveries(this.owner, now, this.leaseMs, this.batchSize);
  }

  protected async send(delivery: ClaimedDelivery): Promise<void> {
    const { storage, clock } = this.options;
    const started = clock.now();
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
    const outcome = this.outcomeOf(delivery, sent, clock.now());
    try {
      await storage.finishDelivery(this.owner, delivery.id, attempt, outcome);
    } catch (error) {
      // The lease runs out and another attempt follows; the receiver dedupes by delivery id.
      this.onError(error);
    }
  }

  private outcomeOf(delivery: ClaimedDelivery, sent: SendResult, now: Date): DeliveryOutcome {
    if (sent.statusCode !== null && sent.statusCode >= 200 && sent.statusCode < 300) {
      return { kind: "delivered", at: now };
    }
    const error = sent.error ?? `HTTP ${sent.statusCode}`;
    const next = this.retryAt(delivery, now);
    return next ? { kind: "retry", at: next, error } : { kind: "failed", at: now, error };
  }

  protected async release(): Promise<void> {
    try {
      await this.options.storage.releaseDeliveries(this.owner);
    } finally {
      if (this.ownsDispatcher) await this.dispatcher.close();
    }
  }
}
