import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
} from "kysely";
import type { Database } from "../database-schema.js";

/** The outboxes a worker leases rows from: webhook deliveries and workflow dispatches. */
export type Outbox = "webhook_outbox" | "run_dispatches";

/** Each outbox's key and what makes a row still to send; everything else about a lease is shared. */
const OUTBOXES: Record<
  Outbox,
  { key: "id" | "run_id"; pending: (eb: ExpressionBuilder<Database, Outbox>) => Expression<SqlBool> }
> = {
  webhook_outbox: {
    key: "id",
    pending: (eb) => eb.and([eb("delivered_at", "is", null), eb("failed_at", "is", null)]),
  },
  run_dispatches: { key: "run_id", pending: (eb) => eb("status", "=", "pending") },
};

/** Who takes a lease, as of when, for how long, and on how many rows at most. */
export interface Lease {
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

/**
 * Leases due rows in one statement, counting the attempt at the claim: a worker killed mid-send
 * leaves no record, yet the receiver may have seen that attempt, so the next one must carry a
 * higher number. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets replicas claim side by side without
 * waiting on or taking each other's rows; a row claimed and committed by one is re-checked against
 * the lease condition by the others. SQLite has a single writer, so the statement is atomic as it
 * stands.
 */
export async function claimDue<T extends Outbox>(
  db: Kysely<Database>,
  engine: "sqlite" | "postgres",
  outbox: T,
  lease: Lease,
): Promise<Selectable<Database[T]>[]> {
  // Both tables have the lease columns; Kysely checks them against either.
  const table: Outbox = outbox;
  const { key, pending } = OUTBOXES[outbox];
  const at = lease.now.toISOString();
  const due = db
    .selectFrom(table)
    .select(key)
    .where(pending)
    .where("next_attempt_at", "<=", at)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", at)]))
    .orderBy("next_attempt_at")
    .limit(lease.limit);
  const claimed = await db
    .updateTable(table)
    .set({
      locked_by: lease.owner,
      locked_until: new Date(lease.now.getTime() + lease.leaseMs).toISOString(),
      attempts: sql<number>`attempts + 1`,
    })
    .where(key, "in", engine === "postgres" ? due.forUpdate().skipLocked() : due)
    .returningAll()
    .execute();
  // The rows of `outbox`, which the union type of the two tables cannot say.
  return claimed as Selectable<Database[T]>[];
}

/** Gives back every lease `owner` holds, for a worker that stops; returns how many. */
export async function releaseLeases(db: Kysely<Database>, outbox: Outbox, owner: string): Promise<number> {
  const result = await db
    .updateTable(outbox)
    .set({ locked_by: null, locked_until: null })
    .where("locked_by", "=", owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
