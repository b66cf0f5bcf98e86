import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "./kysely-storage.js";
import { type OpenedDatabase, openDatabase } from "./open-database.js";
import { pricedSkipsQuery } from "./queries/run-savings.js";

let opened: OpenedDatabase | undefined;

afterEach(async () => {
  await opened?.db.destroy();
  opened = undefined;
});

describe("pricing a run's skipped tests on SQLite", () => {
  it("walks the skipped paths and looks each one up on the durations' primary key", async () => {
    opened = openDatabase({ url: ":memory:" });
    await migrate(opened.db, "sqlite", opened.sqlite);
    const query = pricedSkipsQuery(false, "repo_1", JSON.stringify(["test/a.test.ts"])).compile(opened.db);
    const plan = opened
      .sqlite!.prepare(`explain query plan ${query.sql}`)
      .all(...query.parameters)
      .map((row) => (row as { detail: string }).detail);
    // The other way round, each of a repository's durations scans the whole JSON array: the cost
    // grows with skips times durations (24 s for 100,000 skips against 5,000 durations).
    expect(plan).toHaveLength(2);
    expect(plan[0]).toMatch(/^SCAN j VIRTUAL TABLE/);
    expect(plan[1]).toMatch(/^SEARCH t USING INDEX \S+ \(repo_id=\? AND test_path=\?\)$/);
  });
});
