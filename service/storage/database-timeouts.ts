/**
 * PostgreSQL timeout defaults, apart from open-database.ts so `superplane serve`'s settings can
 * name them without loading the database drivers.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Within the HTTP server's 30 s request timeout, so the client hears our 503, not a dropped socket. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
/** How much longer than the statement timeout the client waits before it gives the connection up. */
export const READ_GRACE_MS = 1_000;

/** The client's read timeout by default: the server's cancel (a clean error) comes first. */
export function defaultReadTimeout(statementTimeoutMs: number): number {
  return statementTimeoutMs === 0 ? 0 : statementTimeoutMs + READ_GRACE_MS;
}
