import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import type { ClaimedDelivery, DeliveryAttempt, DeliveryOutcome, WebhookEvent } from "../storage.js";
import { claimDue, type Lease, releaseLeases } from "./outbox-lease.js";

/** Leases due deliveries (outbox-lease.ts) with the webhook each goes to. */
export async function claimDeliveries(
  db: Kysely<Database>,
  engine: "sqlite" | "postgres",
  lease: Lease,
): Promise<ClaimedDelivery[]> {
  const claimed = await claimDue(db, engine, "webhook_outbox", lease);
  if (claimed.length === 0) return [];
  const hooks = await db
    .selectFrom("webhooks")
    .select(["id", "url", "secret"])
    .where("id", "in", [...new Set(claimed.map((row) => row.webhook_id))])
    .execute();
  const byId = new Map(hooks.map((hook) => [hook.id, hook]));
  return claimed.flatMap((row) => {
    const hook = byId.get(row.webhook_id);
    // A webhook deleted since the claim took its rows with it; nothing to send.
    if (!hook) return [];
    const { id, webhook_id, payload, created_at } = row;
    const event = row.event as WebhookEvent;
    return [
      {
        id,
        webhook_id,
        event,
        payload,
        attempt: row.attempts,
        created_at,
        url: hook.url,
        secret: hook.secret,
      },
    ];
  });
}

function endOfLease(outcome: DeliveryOutcome) {
  const released = { locked_by: null, locked_until: null };
  switch (outcome.kind) {
    case "delivered":
      return { ...released, delivered_at: outcome.at.toISOString(), last_error: null };
    case "retry":
      return { ...released, next_attempt_at: outcome.at.toISOString(), last_error: outcome.error };
    case "failed":
      return { ...released, failed_at: outcome.at.toISOString(), last_error: outcome.error };
  }
}

/** Run in a transaction: the attempt and the outcome are one change (the count moved at the claim). */
export async function finishDelivery(
  db: Kysely<Database>,
  owner: string,
  id: string,
  attempt: DeliveryAttempt,
  outcome: DeliveryOutcome,
): Promise<void> {
  const exists = await db.selectFrom("webhook_outbox").select("id").where("id", "=", id).executeTakeFirst();
  if (!exists) return;
  await db
    .insertInto("webhook_attempts")
    .values({ delivery_id: id, ...attempt })
    .onConflict((oc) => oc.columns(["delivery_id", "attempt"]).doNothing())
    .execute();
  let update = db
    .updateTable("webhook_outbox")
    .set(endOfLease(outcome))
    .where("id", "=", id)
    .where("delivered_at", "is", null);
  // A success is true whoever holds the lease now; rescheduling is only for the lease holder, so a
  // worker whose lease ran out cannot push back a row another replica is delivering.
  if (outcome.kind !== "delivered") update = update.where("locked_by", "=", owner);
  await update.execute();
}

export function releaseDeliveries(db: Kysely<Database>, owner: string): Promise<number> {
  return releaseLeases(db, "webhook_outbox", owner);
}
