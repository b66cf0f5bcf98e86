import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashToken } from "../service/auth/api-token.js";
import { openStorage } from "../service/storage/kysely-storage.js";
import { main } from "./main.js";

let dir: string;

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "superplane-token-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("superplane token create", () => {
  it("creates the organization once, prints each token once and stores only its hash", async () => {
    const database = join(dir, "tokens.db");
    const first = await run([
      "token",
      "create",
      "--org",
      "acme",
      "--scope",
      "read+write",
      "--database",
      database,
    ]);
    const second = await run(["token", "create", "--org", "acme", "--scope", "read", "--database", database]);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stdout).toMatch(/^spl_tok_[0-9A-Za-z]{32}\n$/);
    expect(first.stderr).toMatch(
      /^superplane: token tok_\w{20} \(read\+write\) for organization acme \(org_\w{20}\); it is not shown again\n$/,
    );
    const storage = await openStorage({ url: database });
    try {
      const a = await storage.findToken(hashToken(first.stdout.trim()));
      const b = await storage.findToken(hashToken(second.stdout.trim()));
      expect([a?.scope, b?.scope, a?.org_id === b?.org_id]).toEqual(["read+write", "read", true]);
      expect(await storage.findToken(first.stdout.trim())).toBeUndefined();
    } finally {
      await storage.close();
    }
  });

  it("takes the database from SUPERPLANE_DATABASE_URL", async () => {
    const database = join(dir, "from-env.db");
    vi.stubEnv("SUPERPLANE_DATABASE_URL", database);
    try {
      const result = await run(["token", "create", "--org", "globex", "--scope", "read"]);
      expect(result.code).toBe(0);
      const storage = await openStorage({ url: database });
      expect((await storage.findToken(hashToken(result.stdout.trim())))?.scope).toBe("read");
      await storage.close();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("gives a token a lifetime in days and refuses one outside 1 to 3650", async () => {
    const database = join(dir, "expiry.db");
    const before = Date.now();
    const result = await run([
      "token",
      "create",
      "--org",
      "acme",
      "--scope",
      "read",
      "--expires-in-days",
      "30",
      "--database",
      database,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\(read, expires \d{4}-\d\d-\d\dT[\d:.]+Z\)/);
    const storage = await openStorage({ url: database });
    try {
      const token = await storage.findToken(hashToken(result.stdout.trim()));
      const lifetime = Date.parse(token!.expires_at!) - before;
      expect(lifetime).toBeGreaterThanOrEqual(30 * 86_400_000);
      expect(lifetime).toBeLessThan(31 * 86_400_000);
    } finally {
      await storage.close();
    }
    const zero = await run(["token", "create", "--org", "a", "--scope", "read", "--expires-in-days", "0"]);
    expect([zero.code, zero.stderr]).toEqual([
      2,
      'error: --expires-in-days must be a whole number from 1 to 3650 (got "0")\n',
    ]);
  });

  it("rejects an unknown scope and a missing organization as usage errors", async () => {
    const database = join(dir, "usage.db");
    const scope = await run(["token", "create", "--org", "acme", "--scope", "admin", "--database", database]);
    expect([scope.code, scope.stdout, scope.stderr]).toEqual([
      2,
      "",
      'error: --scope must be read or read+write (got "admin")\n',
    ]);
    const org = await run(["token", "create", "--scope", "read", "--database", database]);
    expect([org.code, org.stderr]).toEqual([2, "error: required option '--org <name>' not specified\n"]);
  });
});
