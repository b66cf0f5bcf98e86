/**
 * Whether a storage error means the database cannot serve right now (unreachable, too slow, shutting
 * down, locked), as opposed to a bug: the client should retry later, and a balancer route elsewhere.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    // PostgreSQL: 08 connection exceptions, 53 insufficient resources, 57014 statement timeout,
    // 57P0x shutdown or not accepting connections. SQLite: another writer holds the lock.
    if (/^(08|53)/.test(code) || code === "57014" || /^57P0/.test(code)) return true;
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return true;
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/.test(code))
      return true;
  }
  // pg and pg-pool say these in words only.
  return /^(Query read timeout|timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error)/.test(
    error.message,
  );
}
