import { type Dispatcher, request } from "undici";
import type { ClaimedDelivery } from "../storage/storage.js";
import { refusedLiteral } from "./guarded-dispatcher.js";
import { SIGNATURE_HEADER, signPayload } from "./sign-payload.js";

export interface SendOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  allowPrivate: boolean;
  /** When the attempt starts; also sent as X-Superplane-Timestamp. */
  now: Date;
  userAgent?: string;
}

/** What one POST came to: an HTTP status, or an error when none came back. */
export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Headers every delivery carries; the delivery id stays the same across retries for deduping. */
export function deliveryHeaders(delivery: ClaimedDelivery, now: Date, userAgent: string) {
  return {
    "content-type": "application/json",
    "user-agent": userAgent,
    "x-superplane-event": delivery.event,
    "x-superplane-delivery": delivery.id,
    "x-superplane-attempt": String(delivery.attempt),
    "x-superplane-timestamp": String(Math.floor(now.getTime() / 1000)),
    [SIGNATURE_HEADER]: signPayload(delivery.secret, delivery.payload, now),
  };
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `timed out after ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const message = error instanceof Error ? error.message : String(error);
  // undici wraps socket errors in a generic one; the cause says what went wrong.
  return cause ? `${message}: ${cause.message}` : message;
}

/**
 * POSTs one delivery. Redirects are not followed (a redirect could lead into a private network),
 * so a 3xx counts as a failure like any other non-2xx answer.
 */
export async function sendDelivery(delivery: ClaimedDelivery, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refused = options.allowPrivate ? undefined : refusedLiteral(new URL(delivery.url));
  if (refused) return { statusCode: null, error: refused, durationMs: 0 };
  try {
    const response = await request(delivery.url, {
      method: "POST",
      dispatcher: options.dispatcher,
      headers: deliveryHeaders(delivery, options.now, options.userAgent ?? "SuperPlane-Webhooks/1"),
      body: delivery.payload,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // The answer's body is not kept; reading it frees the socket for the next delivery.
    await response.body.dump();
    return { statusCode: response.statusCode, error: null, durationMs: elapsed() };
  } catch (error) {
    return { statusCode: null, error: describeError(error, options.timeoutMs), durationMs: elapsed() };
  }
}
