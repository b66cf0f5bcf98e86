import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator } from "kysely";
import pg from "pg";
import { openStorage } from "../../service/storage/kysely-storage.js";
import { migrateDespiteListingRaces } from "../../service/storage/migration-race.js";
import { migrationProvider } from "../../service/storage/migrations.js";
import {
  type DatabaseOptions,
  type OpenedDatabase,
  quoteIdentifier,
} from "../../service/storage/open-database.js";
import type { Storage } from "../../service/storage/storage.js";

/** CI and this machine run PostgreSQL here; override to point the suite elsewhere. */
export const TEST_POSTGRES_URL =
  process.env.SUPERPLANE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDatabase {
  name: "sqlite" | "postgres";
  open(): Promise<Storage>;
  /** Two storages on one fresh database, as two replicas see it. */
  openPair(): Promise<[Storage, Storage]>;
  /** Where a fresh, empty database is, for a test that migrates it itself. */
  fresh(): Promise<DatabaseOptions>;
  /** Drops what open() created. */
  dispose(): Promise<void>;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh schema per opened storage, so test files running in parallel never meet. */
function postgres(): TestDatabase {
  const schemas: string[] = [];
  const storages: Storage[] = [];
  return {
    name: "postgres",
    async open() {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      schemas.push(schema);
      await admin(`create schema ${quoteIdentifier(schema)}`);
      const storage = await openStorage({ url: TEST_POSTGRES_URL, schema, poolSize: 4 });
      storages.push(storage);
      return storage;
    },
    async openPair() {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      schemas.push(schema);
      await admin(`create schema ${quoteIdentifier(schema)}`);
      const pair = [
        await openStorage({ url: TEST_POSTGRES_URL, schema, poolSize: 4 }),
        await openStorage({ url: TEST_POSTGRES_URL, schema, poolSize: 4 }),
      ] as [Storage, Storage];
      storages.push(...pair);
      return pair;
    },
    async fresh() {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      schemas.push(schema);
      await admin(`create schema ${quoteIdentifier(schema)}`);
      return { url: TEST_POSTGRES_URL, schema, poolSize: 4 };
    },
    async dispose() {
      for (const storage of storages.splice(0)) await storage.close();
      for (const schema of schemas.splice(0)) await admin(`drop schema ${quoteIdentifier(schema)} cascade`);
    },
  };
}

function sqlite(): TestDatabase {
  const storages: Storage[] = [];
  const dirs: string[] = [];
  return {
    name: "sqlite",
    async open() {
      const storage = await openStorage({ url: ":memory:" });
      storages.push(storage);
      return storage;
    },
    async openPair() {
      const dir = mkdtempSync(join(tmpdir(), "superplane-pair-"));
      dirs.push(dir);
      const file = join(dir, "pair.db");
      const pair = [await openStorage({ url: file }), await openStorage({ url: file })] as [Storage, Storage];
      storages.push(...pair);
      return pair;
    },
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), "superplane-fresh-"));
      dirs.push(dir);
      return { url: join(dir, "fresh.db") };
    },
    async dispose() {
      for (const storage of storages.splice(0)) await storage.close();
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testDatabases(): TestDatabase[] {
  return [sqlite(), postgres()];
}

/**
 * Migrates an opened test database to `name`, up or down, as a migration's own test does: the
 * service's migrations, the schema's own migration table, listing races retried. The migrator's
 * error, if any.
 */
export async function migrateTestDatabaseTo(
  opened: Pick<OpenedDatabase, "db" | "engine">,
  options: DatabaseOptions,
  name: string,
): Promise<unknown> {
  const migrator = new Migrator({
    db: opened.db,
    provider: migrationProvider,
    allowUnorderedMigrations: true,
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  return (await migrateDespiteListingRaces(opened.engine, () => migrator.migrateTo(name))).error;
}
