import type { Kysely, SelectQueryBuilder } from "kysely";
import type { Database } from "../database-schema.js";
import type {
  DeliveryAttempt,
  DeliveryPage,
  DeliveryRecord,
  DeliveryStatus,
  WebhookEvent,
} from "../storage.js";
import { newestFirstPage } from "./newest-first-page.js";

type OutboxQuery = SelectQueryBuilder<Database, "webhook_outbox", object>;

/** The status is derived from the timestamps, so the outbox has one source of truth. */
function withStatus(query: OutboxQuery, status: DeliveryStatus | undefined): OutboxQuery {
  switch (status) {
    case "delivered":
      return query.where("delivered_at", "is not", null);
    case "failed":
      return query.where("failed_at", "is not", null);
    case "pending":
      return query.where("delivered_at", "is", null).where("failed_at", "is", null);
    default:
      return query;
  }
}

async function attemptsOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, DeliveryAttempt[]>> {
  const byDelivery = new Map<string, DeliveryAttempt[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byDelivery;
  const rows = await db
    .selectFrom("webhook_attempts")
    .selectAll()
    .where("delivery_id", "in", ids)
    .orderBy("delivery_id")
    .orderBy("attempt")
    .execute();
  for (const { delivery_id, ...attempt } of rows) byDelivery.get(delivery_id)?.push(attempt);
  return byDelivery;
}

export async function deliveryLog(
  db: Kysely<Database>,
  orgId: string,
  webhookId: string,
  page: DeliveryPage,
): Promise<{ deliveries: DeliveryRecord[]; total: number } | undefined> {
  const hook = await db
    .selectFrom("webhooks")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", webhookId)
    .executeTakeFirst();
  if (!hook) return undefined;
  const query = withStatus(db.selectFrom("webhook_outbox").where("webhook_id", "=", webhookId), page.status);
  const { rows, total } = await newestFirstPage(query, page);
  const attempts = await attemptsOf(
    db,
    rows.map((row) => row.id),
  );
  const deliveries = rows.map((row): DeliveryRecord => {
    const status: DeliveryStatus = row.delivered_at ? "delivered" : row.failed_at ? "failed" : "pending";
    return {
      id: row.id,
      webhook_id: row.webhook_id,
      event: row.event as WebhookEvent,
      status,
      attempts: row.attempts,
      payload: row.payload,
      created_at: row.created_at,
      next_attempt_at: status === "pending" ? row.next_attempt_at : null,
      delivered_at: row.delivered_at,
      failed_at: row.failed_at,
      last_error: row.last_error,
      attempt_log: attempts.get(row.id) ?? [],
    };
  });
  return { deliveries, total };
}
