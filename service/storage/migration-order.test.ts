import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, Migrator } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "./database-schema.js";
import { migrateDatabase } from "./kysely-storage.js";
import { migrationProvider } from "./migrations.js";
import { openDatabase } from "./open-database.js";

const dir = mkdtempSync(join(tmpdir(), "superplane-migration-order-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("migrations", () => {
  it("applies one that sorts before migrations a database already has (helpers merge in any order)", async () => {
    const url = join(dir, "older.db");
    // A database migrated by a build that did not have 0007_run_context yet, but had later ones.
    const { db } = openDatabase({ url });
    const without = new Migrator({
      db: db as Kysely<Database>,
      provider: {
        async getMigrations() {
          const all = await migrationProvider.getMigrations();
          return Object.fromEntries(Object.entries(all).filter(([name]) => name !== "0007_run_context"));
        },
      },
    });
    const first = await without.migrateToLatest();
    expect(first.error).toBeUndefined();
    expect(first.results?.map((r) => r.migrationName)).toContain("0011_dashboard");
    await db.destroy();
    expect(await migrateDatabase({ url })).toEqual(["0007_run_context"]);
    expect(await migrateDatabase({ url })).toEqual([]);
  });
});
