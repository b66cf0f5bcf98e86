import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  defaultReadTimeout,
} from "../service/storage/database-timeouts.js";
import { UsageError } from "./exit-codes.js";

/** `superplane serve` flags for the PostgreSQL timeouts, as commander hands them over. */
export interface DatabaseTimeoutFlags {
  dbConnectTimeout?: string;
  dbStatementTimeout?: string;
  dbReadTimeout?: string;
}

/** PostgreSQL only (SQLite has no network to wait on); milliseconds. */
export interface DatabaseTimeouts {
  /** A new connection, or a free one from the pool. */
  connectTimeoutMs: number;
  /** The server cancels a statement running longer; 0: never. */
  statementTimeoutMs: number;
  /** The client gives up on an answer and drops the connection; 0: never. */
  readTimeoutMs: number;
}

const HOUR_MS = 60 * 60 * 1000;

interface Setting {
  flag: string;
  variable: string;
  fromFlag: string | undefined;
  env: NodeJS.ProcessEnv;
}

/** The setting's value and the name the operator wrote it under, for an error that names it. */
function sourceOf(setting: Setting): { value: string; name: string } | undefined {
  if (setting.fromFlag !== undefined) return { value: setting.fromFlag, name: setting.flag };
  const value = setting.env[setting.variable];
  if (value === undefined || value === "") return undefined;
  return { value, name: setting.variable };
}

function milliseconds(setting: Setting, min: number, fallback: number): number {
  const source = sourceOf(setting);
  if (!source) return fallback;
  const parsed = Number(source.value);
  if (!/^\d+$/.test(source.value.trim()) || parsed < min || parsed > HOUR_MS) {
    throw new UsageError(
      `${source.name} must be a whole number of milliseconds from ${min} to ${HOUR_MS} (got ${JSON.stringify(source.value)})`,
    );
  }
  return parsed;
}

/**
 * Flags win over SUPERPLANE_DB_*_TIMEOUT_MS, which win over the defaults. The read timeout
 * defaults to the statement timeout plus a second, and must be longer than it: the client would
 * otherwise drop connections the server was about to answer with a clean cancel.
 */
export function databaseTimeouts(flags: DatabaseTimeoutFlags, env: NodeJS.ProcessEnv): DatabaseTimeouts {
  const connectTimeoutMs = milliseconds(
    {
      flag: "--db-connect-timeout",
      variable: "SUPERPLANE_DB_CONNECT_TIMEOUT_MS",
      fromFlag: flags.dbConnectTimeout,
      env,
    },
    100,
    DEFAULT_CONNECT_TIMEOUT_MS,
  );
  const statementTimeoutMs = milliseconds(
    {
      flag: "--db-statement-timeout",
      variable: "SUPERPLANE_DB_STATEMENT_TIMEOUT_MS",
      fromFlag: flags.dbStatementTimeout,
      env,
    },
    0,
    DEFAULT_STATEMENT_TIMEOUT_MS,
  );
  const read: Setting = {
    flag: "--db-read-timeout",
    variable: "SUPERPLANE_DB_READ_TIMEOUT_MS",
    fromFlag: flags.dbReadTimeout,
    env,
  };
  const readTimeoutMs = milliseconds(read, 0, defaultReadTimeout(statementTimeoutMs));
  const shorter = readTimeoutMs !== 0 && statementTimeoutMs !== 0 && readTimeoutMs <= statementTimeoutMs;
  if (shorter) {
    const name = sourceOf(read)?.name ?? read.variable;
    throw new UsageError(
      `${name} (${readTimeoutMs}) must be longer than the statement timeout (${statementTimeoutMs} ms), or 0 for none`,
    );
  }
  return { connectTimeoutMs, statementTimeoutMs, readTimeoutMs };
}
