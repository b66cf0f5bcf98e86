import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openStorage } from "./kysely-storage.js";
import { openDatabase, SQLITE_PAGE_SIZE } from "./open-database.js";

describe("SQLite page size", () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const newFile = () => {
    const folder = mkdtempSync(join(tmpdir(), "superplane-pages-"));
    folders.push(folder);
    return join(folder, "service.db");
  };

  it("gives a new database file large pages, so a run's decision record is a short overflow chain", async () => {
    const file = newFile();
    const storage = await openStorage({ url: file });
    await storage.close();
    const sqlite = new SqliteDatabase(file, { readonly: true });
    expect(sqlite.pragma("page_size", { simple: true })).toBe(SQLITE_PAGE_SIZE);
    sqlite.close();
  });

  it("keeps the page size of a file made before, and works on it", async () => {
    const file = newFile();
    const before = new SqliteDatabase(file);
    before.pragma("journal_mode = WAL");
    before.exec("create table made_before (id integer primary key)");
    before.close();
    const storage = await openStorage({ url: file });
    const org = await storage.ensureOrganization("acme", new Date("2026-01-01T00:00:00Z"));
    expect((await storage.ensureOrganization("acme", new Date())).id).toBe(org.id);
    await storage.close();
    const { sqlite } = openDatabase({ url: file });
    expect(sqlite!.pragma("page_size", { simple: true })).toBe(4096);
    // Its commits checkpoint at 4 MiB of WAL, as at SQLite's default of 1,000 pages.
    expect(sqlite!.pragma("wal_autocheckpoint", { simple: true })).toBe(1024);
    sqlite!.close();
  });
});
