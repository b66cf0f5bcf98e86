import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database-schema.js";

export interface DatabaseOptions {
  /** `postgres://…`, a SQLite file path, or `:memory:`. */
  url: string;
  /** PostgreSQL only: the schema to use (tests get one each); default the server's search_path. */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  engine: "sqlite" | "postgres";
  /** SQLite only: the connection under `db`, for the bulk writes the query builder makes slow. */
  sqlite?: SqliteDatabase.Database;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

function openSqlite(file: string): { db: Kysely<Database>; sqlite: SqliteDatabase.Database } {
  const database = new SqliteDatabase(file);
  // First: switching a new file to WAL takes its write lock, which another process starting on
  // the same file may hold for a moment.
  database.pragma("busy_timeout = 5000");
  // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), sqlite: database };
}

function openPostgres(options: DatabaseOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {}),
  });
  // A connection that dies (a database restart, a proxy's idle timeout) emits `error` on the pool
  // when idle and on its client when checked out; unheard, either kills the process. The query
  // that was running fails on its own, and the pool replaces a broken connection when released.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function openDatabase(options: DatabaseOptions): OpenedDatabase {
  if (isPostgresUrl(options.url)) return { db: openPostgres(options), engine: "postgres" };
  const file = options.url.replace(/^sqlite:(\/\/)?/, "");
  return { ...openSqlite(file), engine: "sqlite" };
}
