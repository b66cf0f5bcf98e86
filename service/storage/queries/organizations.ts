import type { Kysely } from "kysely";
import { newId } from "../../random-id.js";
import type { Database } from "../database-schema.js";
import type { Organization, TokenRecord, TokenScope } from "../storage.js";

const DEFAULT_PLAN = "free";
const DEFAULT_SEATS = 5;

export async function ensureOrganization(db: Kysely<Database>, name: string, now: Date) {
  // Insert-or-ignore then read: two operators creating the same organization at once both win.
  await db
    .insertInto("organizations")
    .values({
      id: newId("org"),
      name,
      plan: DEFAULT_PLAN,
      seats: DEFAULT_SEATS,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  return db.selectFrom("organizations").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
}

/** Only when the name is free: undefined when another organization already has it. */
export async function createOrganization(
  db: Kysely<Database>,
  name: string,
  now: Date,
): Promise<Organization | undefined> {
  const id = newId("org");
  await db
    .insertInto("organizations")
    .values({ id, name, plan: DEFAULT_PLAN, seats: DEFAULT_SEATS, created_at: now.toISOString() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  return db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getOrganization(
  db: Kysely<Database>,
  orgId: string,
): Promise<Organization | undefined> {
  return db.selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirst();
}

const TOKEN_COLUMNS = [
  "id",
  "org_id",
  "scope",
  "created_at",
  "revoked_at",
  "last_used_at",
  "expires_at",
] as const;

export async function createToken(
  db: Kysely<Database>,
  orgId: string,
  scope: TokenScope,
  hash: string,
  now: Date,
  expiresAt?: Date,
): Promise<TokenRecord> {
  const record: TokenRecord = {
    id: newId("tok"),
    org_id: orgId,
    scope,
    created_at: now.toISOString(),
    revoked_at: null,
    last_used_at: null,
    expires_at: expiresAt ? expiresAt.toISOString() : null,
  };
  await db
    .insertInto("tokens")
    .values({ ...record, hash })
    .execute();
  return record;
}

export async function findToken(db: Kysely<Database>, hash: string): Promise<TokenRecord | undefined> {
  return db.selectFrom("tokens").select(TOKEN_COLUMNS).where("hash", "=", hash).executeTakeFirst();
}

export async function touchToken(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable("tokens").set({ last_used_at: now.toISOString() }).where("id", "=", id).execute();
}

export async function revokeToken(db: Kysely<Database>, orgId: string, id: string, now: Date) {
  const token = await db
    .selectFrom("tokens")
    .select(["id", "revoked_at"])
    .where("id", "=", id)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  if (!token) return false;
  // Revoking twice keeps the first revocation time.
  if (token.revoked_at === null) {
    await db.updateTable("tokens").set({ revoked_at: now.toISOString() }).where("id", "=", id).execute();
  }
  return true;
}
