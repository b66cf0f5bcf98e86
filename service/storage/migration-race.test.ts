import type { MigrationResultSet } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateDespiteListingRaces } from "./migration-race.js";

/** A step that fails with each code in turn, then succeeds; counts its calls. */
function failingWith(...codes: string[]) {
  const step = async (): Promise<MigrationResultSet> => {
    step.calls += 1;
    const code = codes.shift();
    if (!code) return { results: [] };
    return { error: Object.assign(new Error(`pg ${code}`), { code }), results: [] };
  };
  step.calls = 0;
  return step;
}

describe("migrateDespiteListingRaces", () => {
  it("looks again when another session dropped a schema or a table during the listing", async () => {
    const step = failingWith("3F000", "42P01");
    expect((await migrateDespiteListingRaces("postgres", step)).error).toBeUndefined();
    expect(step.calls).toBe(3);
  });

  it("looks again when another session dropped a column during the listing", async () => {
    const step = failingWith("42703");
    expect((await migrateDespiteListingRaces("postgres", step)).error).toBeUndefined();
    expect(step.calls).toBe(2);
  });

  it("gives up after five attempts, with the last error", async () => {
    const step = failingWith("42P01", "42P01", "42P01", "42P01", "42P01", "42P01");
    expect(((await migrateDespiteListingRaces("postgres", step)).error as Error).message).toBe("pg 42P01");
    expect(step.calls).toBe(5);
  });

  it("answers any other error, and SQLite's, at once", async () => {
    const other = failingWith("23505");
    expect((await migrateDespiteListingRaces("postgres", other)).error).toBeDefined();
    const sqlite = failingWith("42P01");
    expect((await migrateDespiteListingRaces("sqlite", sqlite)).error).toBeDefined();
    expect([other.calls, sqlite.calls]).toEqual([1, 1]);
  });
});
