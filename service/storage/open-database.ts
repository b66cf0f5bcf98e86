import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database-schema.js";
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  defaultReadTimeout,
} from "./database-timeouts.js";
import { checkpointInCommits, checkpointOffThread } from "./sqlite-checkpoints.js";
import { cachingStatements } from "./sqlite-statements.js";

export interface DatabaseOptions {
  /** `postgres://…`, a SQLite file path, or `:memory:`. */
  url: string;
  /** PostgreSQL only: the schema to use (tests get one each); default the server's search_path. */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** PostgreSQL only: the server cancels a statement running longer (0: never). */
  statementTimeoutMs?: number;
  /**
   * PostgreSQL only: the client gives up on an answer and drops the connection (0: never), for a
   * database it can no longer reach; by default a second after the statement timeout.
   */
  readTimeoutMs?: number;
  /** PostgreSQL only: how long to wait for a new connection, or for a free one in the pool. */
  connectTimeoutMs?: number;
  /** SQLite file only: WAL checkpoints on a worker thread, not in the commit (the server's; sqlite-checkpoints.ts). */
  checkpointOffThread?: boolean;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  engine: "sqlite" | "postgres";
  /** SQLite only: the connection under `db`, whose write lock migrations take first (BEGIN IMMEDIATE). */
  sqlite?: SqliteDatabase.Database;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

const BUSY_TIMEOUT_MS = 5000;

/**
 * Pages of a new database file. A selection's decision record is one row of about 570 KiB
 * (5,000 tests), stored as a chain of overflow pages: at 4 KiB a page its INSERT took 2.5 ms of CPU
 * and 7-11 ms of the event loop, at 64 KiB 0.8-1.0 ms and 4-5 ms. A small UPDATE costs about 30 µs
 * more (the whole page goes to the WAL), a few per selection (docs/decisions.md, "SQLite pages").
 */
export const SQLITE_PAGE_SIZE = 65_536;
/** The page cache: SQLite's default of 2 MiB holds only 31 pages of 64 KiB. */
const SQLITE_CACHE_KIB = 64 * 1024;

/**
 * WAL lets readers run beside the writer. Switching a new file to it needs the file's exclusive
 * lock, and SQLite answers SQLITE_BUSY at once, without its busy handler, while another process
 * starting on the same file holds the write lock: wait for that as the busy timeout would.
 */
function switchToWal(database: SqliteDatabase.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      database.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === "SQLITE_BUSY";
      if (!busy || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 25);
    }
  }
}

function openSqlite(
  file: string,
  offThread: boolean,
): { db: Kysely<Database>; sqlite: SqliteDatabase.Database } {
  const database = new SqliteDatabase(file);
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Before the file's first write (afterwards SQLite keeps the size the file has): see SQLITE_PAGE_SIZE.
  database.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
  database.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  switchToWal(database);
  // NORMAL sync is durable across process crashes in WAL.
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  checkpointInCommits(database);
  if (offThread && file !== ":memory:") checkpointOffThread(database, file);
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) }),
    sqlite: database,
  };
}

/**
 * A client that drops its connection when an answer is overdue. pg's own read timeout fails the
 * query but keeps the connection, whose next query would then wait behind the lost one forever (a
 * black-holed route never answers); ending it here makes the pool open a new one.
 */
class ClientDroppingOnTimeout extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg.Client.query has a dozen overloads; this passes them all through.
  override query(...args: any[]): any {
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    const result = (super.query as (...a: any[]) => any)(...args);
    if (result && typeof result.catch === "function") {
      result.catch((error: unknown) => {
        if (error instanceof Error && error.message === "Query read timeout") this.dropConnection();
      });
    }
    return result;
  }

  private dropConnection(): void {
    // Typed as private in @types/pg; the socket is the only handle that ends a stuck connection.
    (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  }
}

function openPostgres(options: DatabaseOptions): Kysely<Database> {
  const statementTimeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const readTimeout = options.readTimeoutMs ?? defaultReadTimeout(statementTimeout);
  const pool = new pg.Pool({
    Client: ClientDroppingOnTimeout,
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // A route that silently dies is noticed by the kernel's keepalive, not only by a query.
    keepAlive: true,
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    ...(readTimeout > 0 ? { query_timeout: readTimeout } : {}),
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
  return { ...openSqlite(file, options.checkpointOffThread === true), engine: "sqlite" };
}
