import { randomBytes } from "node:crypto";
import pg from "pg";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintToken } from "../service/auth/api-token.js";
import { type RunningServer, startServer } from "../service/server.js";
import { quoteIdentifier } from "../service/storage/open-database.js";
import { TEST_POSTGRES_URL } from "../test/support/databases.js";
import { serveSettings } from "./serve-settings.js";

/**
 * SUPERPLANE_DB_STATEMENT_TIMEOUT_MS reaches the PostgreSQL pool `superplane serve` opens: a
 * request stuck behind a lock answers 503 after the configured 300 ms, not the 10 s default.
 */

const schema = `t_${randomBytes(6).toString("hex")}`;
let server: RunningServer;
let token: string;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin((client) => client.query(`create schema ${quoteIdentifier(schema)}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const settings = serveSettings(
    { port: "0", database: url.toString() },
    { SUPERPLANE_DB_STATEMENT_TIMEOUT_MS: "300" },
  );
  server = await startServer({ ...settings, logger: false });
  const org = await server.storage.ensureOrganization("acme", new Date());
  const minted = mintToken();
  await server.storage.createToken(org.id, "read+write", minted.hash, new Date());
  token = minted.token;
});

afterAll(async () => {
  await server?.close();
  await admin((client) => client.query(`drop schema if exists ${quoteIdentifier(schema)} cascade`));
});

describe("serve's PostgreSQL timeouts", () => {
  it("cancel a statement stuck behind a lock after the configured statement timeout", async () => {
    await admin(async (client) => {
      await client.query("begin");
      await client.query(`lock table ${quoteIdentifier(schema)}.repos in access exclusive mode`);
      try {
        const started = performance.now();
        const answer = await fetch(`${server.url}/v1/repos`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const ms = performance.now() - started;
        expect(answer.status).toBe(503);
        expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("UNAVAILABLE");
        expect(ms).toBeLessThan(300 + 1_500);
      } finally {
        await client.query("rollback");
      }
    });
    const after = await fetch(`${server.url}/v1/repos`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(200);
  }, 30_000);
});
