import type { Kysely } from "kysely";
import { newId } from "../../random-id.js";
import type { Database } from "../database-schema.js";
import { toRepo } from "../row-mappers.js";
import type { Repo } from "../storage.js";

const POLICY_PATH = ".superplane/policy.yml";

export async function connectRepo(db: Kysely<Database>, orgId: string, name: string, now: Date) {
  await db
    .insertInto("repos")
    .values({
      id: newId("repo"),
      org_id: orgId,
      name,
      policy_path: POLICY_PATH,
      status: "connected",
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(["org_id", "name"]).doNothing())
    .execute();
  const row = await db
    .selectFrom("repos")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return toRepo(row);
}

export async function getRepo(db: Kysely<Database>, orgId: string, id: string): Promise<Repo | undefined> {
  const row = await db
    .selectFrom("repos")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toRepo(row) : undefined;
}

export async function listRepos(db: Kysely<Database>, orgId: string): Promise<Repo[]> {
  const rows = await db.selectFrom("repos").selectAll().where("org_id", "=", orgId).orderBy("name").execute();
  return rows.map(toRepo);
}

/** Whether the organization has the repository: what every per-repository store checks first. */
export async function ownsRepo(db: Kysely<Database>, orgId: string, repoId: string): Promise<boolean> {
  const row = await db
    .selectFrom("repos")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", repoId)
    .executeTakeFirst();
  return row !== undefined;
}
