import type { Kysely } from "kysely";
import type { Database } from "./database-schema.js";

/** How long a key is kept, as Stripe keeps them: a CI job's retries fall well within it. */
export const KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** What a key says about a request arriving with it. */
export type Reservation =
  /** First use (or an abandoned one taken over): do the work, then `complete` or `release`. */
  | { kind: "reserved" }
  /** Done before: answer this. */
  | { kind: "replay"; status: number; body: Buffer; contentType: string }
  /** Another request with this key is being worked on. */
  | { kind: "in-progress" }
  /** The key was used for a different request. */
  | { kind: "mismatch" };

/**
 * `Idempotency-Key` records per organization: the request's fingerprint, then the first answer.
 * A row without an answer is a request under way; one older than `staleMs` was abandoned (its
 * replica died) and the next request with the key takes it over.
 */
export class IdempotencyStorage {
  constructor(private readonly db: Kysely<Database>) {}

  async reserve(
    orgId: string,
    key: string,
    fingerprint: string,
    now: Date,
    staleMs: number,
  ): Promise<Reservation> {
    const created_at = now.toISOString();
    const inserted = await this.db
      .insertInto("idempotency_keys")
      .values({ org_id: orgId, key, fingerprint, status: null, body: null, content_type: null, created_at })
      .onConflict((oc) => oc.columns(["org_id", "key"]).doNothing())
      .returning("key")
      .executeTakeFirst();
    if (inserted) {
      await this.db
        .deleteFrom("idempotency_keys")
        .where("org_id", "=", orgId)
        .where("created_at", "<", new Date(now.getTime() - KEY_TTL_MS).toISOString())
        .execute();
      return { kind: "reserved" };
    }
    const row = await this.db
      .selectFrom("idempotency_keys")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("key", "=", key)
      .executeTakeFirst();
    // Released between the insert and the read: the caller's retry will find it free.
    if (!row) return { kind: "in-progress" };
    if (row.fingerprint !== fingerprint) return { kind: "mismatch" };
    if (row.status !== null && row.body !== null) {
      return {
        kind: "replay",
        status: row.status,
        body: Buffer.from(row.body),
        contentType: row.content_type ?? "",
      };
    }
    if (new Date(row.created_at).getTime() > now.getTime() - staleMs) return { kind: "in-progress" };
    const taken = await this.db
      .updateTable("idempotency_keys")
      .set({ created_at })
      .where("org_id", "=", orgId)
      .where("key", "=", key)
      .where("status", "is", null)
      .where("created_at", "=", row.created_at)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1 ? { kind: "reserved" } : { kind: "in-progress" };
  }

  async complete(
    orgId: string,
    key: string,
    status: number,
    body: Buffer,
    contentType: string,
  ): Promise<void> {
    await this.db
      .updateTable("idempotency_keys")
      .set({ status, body, content_type: contentType })
      .where("org_id", "=", orgId)
      .where("key", "=", key)
      .execute();
  }

  /** The request failed in a way a retry may fix (5xx): the key is free again. */
  async release(orgId: string, key: string): Promise<void> {
    await this.db
      .deleteFrom("idempotency_keys")
      .where("org_id", "=", orgId)
      .where("key", "=", key)
      .where("status", "is", null)
      .execute();
  }
}
