import { type Kysely, sql } from "kysely";
import type { Database } from "../database-schema.js";
import type { ClaimedDelivery, DeliveryAttempt, DeliveryOutcome, WebhookEvent } from "../storage.js";

/**
 * Leases due rows in one statement. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets replicas claim
 * side by side without waiting on or taking each other's rows; a row claimed and committed by one
 * is re-checked against the lease condition by the others. SQLite has a single writer, so the
 * statement is atomic as it stands.
 */
export async function claimDeliveries(
  db: Kysely<Database>,
  engine: "sqlite" | "postgres",
  owner: string,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const at = now.toISOString();
  const due = db
    .selectFrom("webhook_outbox")
    .select("id")
    .where("delivered_at", "is", null)
    .where("failed_at", "is", null)
    .where("next_attempt_at", "<=", at)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", at)]))
    .orderBy("next_attempt_at")
    .limit(limit);
  const claimed = await db
    .updateTable("webhook_outbox")
    .set({
      locked_by: owner,
      locked_until: new Date(now.getTime() + leaseMs).toISOString(),
      // Counted at the claim: a replica killed mid-send leaves no record, yet the receiver may
      // have seen that attempt, so the next one must carry a higher number.
      attempts: sql<number>`attempts + 1`,
    })
    .where("id", "in", engine === "postgres" ? due.forUpdate().skipLocked() : due)
    .returning(["id", "webhook_id", "event", "payload", "attempts", "created_at"])
    .execute();
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
    const { attempts, ...rest } = row;
    return [
      { ...rest, attempt: attempts, event: row.event as WebhookEvent, url: hook.url, secret: hook.secret },
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

export async function releaseDeliveries(db: Kysely<Database>, owner: string): Promise<number> {
  const result = await db
    .updateTable("webhook_outbox")
    .set({ locked_by: null, locked_until: null })
    .where("locked_by", "=", owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
