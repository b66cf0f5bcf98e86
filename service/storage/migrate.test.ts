import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_POSTGRES_URL } from "../../test/support/databases.js";
import { migrateDatabase, openStorage } from "./kysely-storage.js";
import { migrationProvider } from "./migrations.js";
import { quoteIdentifier } from "./open-database.js";

const schema = `t_${randomBytes(6).toString("hex")}`;

async function query<T>(statement: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query(statement)).rows as T[];
  } finally {
    await client.end();
  }
}

afterAll(() => query(`drop schema if exists ${quoteIdentifier(schema)} cascade`));

describe("migrations on PostgreSQL", () => {
  it("two replicas starting at once on an empty schema apply each migration once; a restart applies none", async () => {
    await query(`create schema ${quoteIdentifier(schema)}`);
    const both = await Promise.all([
      openStorage({ url: TEST_POSTGRES_URL, schema, poolSize: 2 }),
      openStorage({ url: TEST_POSTGRES_URL, schema, poolSize: 2 }),
    ]);
    const expected = Object.keys(await migrationProvider.getMigrations()).sort();
    const applied = await query<{ name: string }>(
      `select name from ${quoteIdentifier(schema)}.kysely_migration order by name`,
    );
    expect(applied.map((row) => row.name)).toEqual(expected);
    // Both see one schema: what one writes, the other reads.
    const org = await both[0].ensureOrganization("acme", new Date());
    expect((await both[1].getOrganization(org.id))?.name).toBe("acme");
    for (const storage of both) await storage.close();
    const url = new URL(TEST_POSTGRES_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    expect(await migrateDatabase({ url: url.toString() })).toEqual([]);
  });
});
