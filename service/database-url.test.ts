import { describe, expect, it } from "vitest";
import { describeDatabase, resolveDatabaseUrl } from "./database-url.js";

describe("database url", () => {
  it("takes the flag, then the environment, then ./superplane.db", () => {
    expect(resolveDatabaseUrl("a.db", { SUPERPLANE_DATABASE_URL: "b.db" })).toBe("a.db");
    expect(resolveDatabaseUrl(undefined, { SUPERPLANE_DATABASE_URL: "b.db" })).toBe("b.db");
    expect(resolveDatabaseUrl(undefined, {})).toBe("./superplane.db");
  });

  it("never prints a password", () => {
    expect(describeDatabase("postgres://sp:secret@db:5432/sp")).toBe("postgres postgres://sp:***@db:5432/sp");
    expect(describeDatabase("./superplane.db")).toBe("sqlite ./superplane.db");
  });
});
