import { describe, expect, it } from "vitest";
import { databaseTimeouts } from "./database-timeouts.js";
import { UsageError } from "./exit-codes.js";

describe("PostgreSQL timeouts for serve", () => {
  it("default to a 5 s connect, a 10 s statement and an 11 s read timeout", () => {
    expect(databaseTimeouts({}, {})).toEqual({
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 10_000,
      readTimeoutMs: 11_000,
    });
  });

  it("come from SUPERPLANE_DB_*_TIMEOUT_MS, and flags win over them", () => {
    const env = {
      SUPERPLANE_DB_CONNECT_TIMEOUT_MS: "2000",
      SUPERPLANE_DB_STATEMENT_TIMEOUT_MS: "3000",
      SUPERPLANE_DB_READ_TIMEOUT_MS: "4000",
    };
    expect(databaseTimeouts({}, env)).toEqual({
      connectTimeoutMs: 2000,
      statementTimeoutMs: 3000,
      readTimeoutMs: 4000,
    });
    const flags = { dbConnectTimeout: "700", dbStatementTimeout: "800", dbReadTimeout: "900" };
    expect(databaseTimeouts(flags, env)).toEqual({
      connectTimeoutMs: 700,
      statementTimeoutMs: 800,
      readTimeoutMs: 900,
    });
  });

  it("trail the read timeout a second behind a statement timeout that was set, and 0 turns both off", () => {
    expect(databaseTimeouts({}, { SUPERPLANE_DB_STATEMENT_TIMEOUT_MS: "500" }).readTimeoutMs).toBe(1500);
    expect(databaseTimeouts({ dbStatementTimeout: "0" }, {})).toMatchObject({
      statementTimeoutMs: 0,
      readTimeoutMs: 0,
    });
    // No statement timeout, yet a client that stops waiting for a database it cannot reach.
    expect(databaseTimeouts({ dbStatementTimeout: "0", dbReadTimeout: "30000" }, {})).toMatchObject({
      statementTimeoutMs: 0,
      readTimeoutMs: 30_000,
    });
  });

  it("refuse a value that is no whole number of milliseconds, naming the variable or flag it came from", () => {
    const refused = (flags: Record<string, string>, env: Record<string, string>) => {
      try {
        databaseTimeouts(flags, env);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refused({}, { SUPERPLANE_DB_STATEMENT_TIMEOUT_MS: "10s" })).toBe(
      'SUPERPLANE_DB_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds from 0 to 3600000 (got "10s")',
    );
    expect(refused({}, { SUPERPLANE_DB_CONNECT_TIMEOUT_MS: "50" })).toMatch(
      /^SUPERPLANE_DB_CONNECT_TIMEOUT_MS must be .* from 100 to/,
    );
    expect(refused({ dbReadTimeout: "-1" }, {})).toMatch(/^--db-read-timeout must be/);
    expect(refused({}, { SUPERPLANE_DB_READ_TIMEOUT_MS: "1e4" })).toMatch(/^SUPERPLANE_DB_READ_TIMEOUT_MS/);
  });

  it("refuse a read timeout no longer than the statement timeout: the client would drop what the server answers", () => {
    expect(() =>
      databaseTimeouts(
        {},
        { SUPERPLANE_DB_STATEMENT_TIMEOUT_MS: "5000", SUPERPLANE_DB_READ_TIMEOUT_MS: "5000" },
      ),
    ).toThrow(
      "SUPERPLANE_DB_READ_TIMEOUT_MS (5000) must be longer than the statement timeout (5000 ms), or 0 for none",
    );
    expect(() => databaseTimeouts({ dbReadTimeout: "2000" }, {})).toThrow(/^--db-read-timeout \(2000\)/);
  });
});
