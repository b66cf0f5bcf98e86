import { type Static, Type } from "@sinclair/typebox";
import { Nullable, PageOf, PageQuery, StringEnum, Timestamp } from "./common.js";

export const WebhookEvent = StringEnum(["run.started", "run.passed", "run.failed", "canary.rollback"]);

export const Webhook = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(WebhookEvent),
  created_at: Timestamp,
});
export type Webhook = Static<typeof Webhook>;

export const WebhookList = Type.Object({ webhooks: Type.Array(Webhook) });

export const CreateWebhookRequest = Type.Object({
  url: Type.String({ minLength: 1, maxLength: 2048 }),
  events: Type.Array(WebhookEvent, { minItems: 1, maxItems: 4, uniqueItems: true }),
  secret: Type.Optional(Type.String({ minLength: 16, maxLength: 256 })),
});
export type CreateWebhookRequest = Static<typeof CreateWebhookRequest>;

export const CreatedWebhook = Type.Composite([
  Webhook,
  Type.Object({ secret: Type.String({ description: "shown once; signs every delivery" }) }),
]);
export type CreatedWebhook = Static<typeof CreatedWebhook>;

export const DeliveryStatus = StringEnum(["pending", "delivered", "failed"]);

export const DeliveryAttempt = Type.Object({
  attempt: Type.Integer({ minimum: 1 }),
  started_at: Timestamp,
  status_code: Nullable(
    Type.Integer({ description: "the receiver's HTTP status; null when none came back" }),
  ),
  error: Nullable(Type.String({ description: "why no 2xx: a timeout, a refused connection, HTTP <status>" })),
  duration_ms: Type.Integer({ minimum: 0 }),
});

export const Delivery = Type.Object({
  id: Type.String({ description: "also sent as X-Superplane-Delivery; the same on every retry" }),
  webhook_id: Type.String(),
  event: WebhookEvent,
  status: DeliveryStatus,
  attempts: Type.Integer({ minimum: 0 }),
  created_at: Timestamp,
  next_attempt_at: Nullable(Timestamp),
  delivered_at: Nullable(Timestamp),
  failed_at: Nullable(Timestamp),
  last_error: Nullable(Type.String()),
  payload: Type.Object({}, { additionalProperties: true, description: "the exact body that is signed" }),
  attempt_log: Type.Array(DeliveryAttempt),
});
export type Delivery = Static<typeof Delivery>;

export const DeliveriesQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(DeliveryStatus),
});
export type DeliveriesQuery = Static<typeof DeliveriesQuery>;

export const DeliveryList = Type.Object({
  deliveries: Type.Array(Delivery),
  ...PageOf,
});
export type DeliveryList = Static<typeof DeliveryList>;
