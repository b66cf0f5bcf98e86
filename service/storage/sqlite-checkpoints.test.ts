import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./open-database.js";

const dir = mkdtempSync(join(tmpdir(), "superplane-checkpoints-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MiB = 1024 * 1024;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited 10 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function writeLarge(sqlite: NonNullable<ReturnType<typeof openDatabase>["sqlite"]>): void {
  sqlite.exec("create table if not exists blobs (v text)");
  const insert = sqlite.prepare("insert into blobs (v) values (?)");
  // 8 MiB: past the 4 MiB of WAL at which the commit itself would checkpoint.
  sqlite.transaction(() => {
    for (let i = 0; i < 8; i++) insert.run(`${i}`.padEnd(MiB, "x"));
  })();
}

describe("WAL checkpoints off the event loop (SQLite)", () => {
  it("leave a large commit's pages in the WAL for the worker, which copies them into the file", async () => {
    const file = join(dir, "off.db");
    const { db, sqlite } = openDatabase({ url: file, checkpointOffThread: true });
    try {
      // Kysely takes the connection on its first query, and closes it on destroy only then.
      await sql`select 1`.execute(db);
      await until(() => sqlite!.pragma("wal_autocheckpoint", { simple: true }) === 0, "the worker");
      writeLarge(sqlite!);
      // Read in the same turn as the commit: the worker has had no chance yet.
      expect(statSync(file).size).toBeLessThan(MiB);
      await until(() => statSync(file).size > 8 * MiB, "the worker's checkpoint");
    } finally {
      await db.destroy();
    }
    // The worker's connection closed first: the server's was the last, checkpointed and removed the WAL.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("are the commit's own without the option, as SQLite does by default", async () => {
    const file = join(dir, "inline.db");
    const { db, sqlite } = openDatabase({ url: file });
    try {
      // 4 MiB of the new file's 64 KiB pages.
      expect(sqlite!.pragma("wal_autocheckpoint", { simple: true })).toBe(64);
      writeLarge(sqlite!);
      expect(statSync(file).size).toBeGreaterThan(8 * MiB);
    } finally {
      await db.destroy();
    }
  });
});
