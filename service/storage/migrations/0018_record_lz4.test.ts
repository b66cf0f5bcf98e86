import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { migrateTestDatabaseTo, testDatabases } from "../../../test/support/databases.js";
import { openStorage } from "../kysely-storage.js";
import { openDatabase } from "../open-database.js";

const postgres = testDatabases().find((database) => database.name === "postgres")!;

describe("0018: the decision record compressed with lz4 on PostgreSQL", () => {
  afterAll(() => postgres.dispose());

  it("sets lz4 on the record's text columns, and the default again when undone", async () => {
    const options = await postgres.fresh();
    await (await openStorage(options)).close();
    const { db, engine } = openDatabase(options);
    const methods = async () =>
      (
        await sql<{ table: string; method: string }>`
          select c.relname as table, a.attcompression as method
          from pg_attribute a join pg_class c on c.oid = a.attrelid
          where c.relname in ('run_decisions', 'run_decision_parts')
            and c.relnamespace = to_regnamespace(current_schema())
            and a.attname in ('paths', 'selected', 'confidence', 'reasons', 'features')`.execute(db)
      ).rows;
    try {
      const after = await methods();
      expect(after).toHaveLength(10);
      // "l" is lz4; this machine's PostgreSQL 15 is built with it.
      expect(new Set(after.map((row) => row.method))).toEqual(new Set(["l"]));
      expect(
        await migrateTestDatabaseTo({ db, engine }, options, "0017_decision_record_parts"),
      ).toBeUndefined();
      expect(new Set((await methods()).map((row) => row.method))).toEqual(new Set([""]));
    } finally {
      await db.destroy();
    }
  });
});
