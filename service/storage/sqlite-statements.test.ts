import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "./open-database.js";
import { cachingStatements } from "./sqlite-statements.js";

describe("SQLite statements prepared once", () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });

  it("prepares a query Kysely runs again once, and answers each run with its own parameters", async () => {
    const { db, sqlite } = openDatabase({ url: ":memory:" });
    opened.push({ close: () => db.destroy() });
    const prepare = vi.spyOn(sqlite!, "prepare");
    await sql`create table t (id integer primary key, name text)`.execute(db);
    for (const name of ["a", "b", "c"]) await sql`insert into t (name) values (${name})`.execute(db);
    const names = [];
    for (const id of [1, 2, 3]) {
      const { rows } = await sql<{ name: string }>`select name from t where id = ${id}`.execute(db);
      names.push(rows[0]!.name);
    }
    expect(names).toEqual(["a", "b", "c"]);
    // create, insert, select: three texts, each prepared the first time it ran.
    expect(prepare).toHaveBeenCalledTimes(3);
    // A transaction's begin and commit are statements like any other.
    await db.transaction().execute((trx) => sql`insert into t (name) values ('d')`.execute(trx));
    await db.transaction().execute((trx) => sql`insert into t (name) values ('d')`.execute(trx));
    expect(prepare).toHaveBeenCalledTimes(6);
  });

  it("drops the least recently used statement past its size, and closes the connection", () => {
    const prepared: string[] = [];
    let closed = false;
    const database = {
      prepare: (text: string) => {
        prepared.push(text);
        return { reader: true };
      },
      close: () => {
        closed = true;
      },
    };
    const cache = cachingStatements(database as never, 2);
    for (const text of ["a", "b", "a", "c", "a", "b"]) cache.prepare(text);
    // "b" was the least recently used when "c" came, so it is prepared again; "a" never is.
    expect(prepared).toEqual(["a", "b", "c", "b"]);
    cache.close();
    expect(closed).toBe(true);
  });
});
