import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../service/app.js";
import { mintToken } from "../../service/auth/api-token.js";
import { openStorage } from "../../service/storage/kysely-storage.js";
import { quoteIdentifier } from "../../service/storage/open-database.js";
import type { Storage } from "../../service/storage/storage.js";
import { TEST_POSTGRES_URL } from "../support/databases.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";

/**
 * Requests towards a PostgreSQL that stops answering (a black-holed route, a lock held too long)
 * end within the configured timeouts with 503 UNAVAILABLE, instead of hanging; once the
 * database answers again so does the service, on fresh connections.
 */

const STATEMENT_TIMEOUT_MS = 300;
// A black-holed connect ends at this timeout, well inside the bound asserted below. 300 ms was too
// short for a healthy connect through the proxy while the other fault files start their replicas
// beside this one: setup and "200 again" failed 2 runs in 4 with four workers.
const CONNECT_TIMEOUT_MS = 1_000;

const schema = `t_${randomBytes(6).toString("hex")}`;
let proxy: TcpProxy;
let storage: Storage;
let app: FastifyInstance;
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

async function repos(): Promise<{ status: number; code: unknown; retryAfter: unknown; ms: number }> {
  const started = performance.now();
  const response = await app.inject({ url: "/v1/repos", headers: { authorization: `Bearer ${token}` } });
  const body = response.json();
  return {
    status: response.statusCode,
    code: body.error?.code,
    retryAfter: response.headers["retry-after"],
    ms: performance.now() - started,
  };
}

beforeAll(async () => {
  const target = new URL(TEST_POSTGRES_URL);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await admin((client) => client.query(`create schema ${quoteIdentifier(schema)}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.host = proxy.address;
  storage = await openStorage({
    url: url.toString(),
    schema,
    poolSize: 2,
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
  });
  const org = await storage.ensureOrganization("acme", new Date());
  const minted = mintToken();
  await storage.createToken(org.id, "read+write", minted.hash, new Date());
  token = minted.token;
  app = await buildApp({ storage });
});

afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await storage?.close();
  await admin((client) => client.query(`drop schema if exists ${quoteIdentifier(schema)} cascade`));
});

describe("timeouts towards PostgreSQL", () => {
  it("answer 503 UNAVAILABLE while the database is black-holed, and 200 again once it is back", async () => {
    expect((await repos()).status).toBe(200);
    proxy.setMode("black-hole");
    // Twice as many requests as the pool has connections: every stuck connection is let go.
    for (let i = 0; i < 4; i++) {
      const answer = await repos();
      expect(answer).toMatchObject({ status: 503, code: "UNAVAILABLE", retryAfter: "1" });
      expect(answer.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 3_000);
    }
    proxy.setMode("forward");
    expect((await repos()).status).toBe(200);
    expect((await repos()).status).toBe(200);
  }, 30_000);

  it("cancel a statement that waits on a lock past the statement timeout", async () => {
    await admin(async (client) => {
      await client.query("begin");
      await client.query(`lock table ${quoteIdentifier(schema)}.repos in access exclusive mode`);
      try {
        const answer = await repos();
        expect(answer).toMatchObject({ status: 503, code: "UNAVAILABLE" });
        expect(answer.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 1_000);
      } finally {
        await client.query("rollback");
      }
    });
    expect((await repos()).status).toBe(200);
  }, 30_000);
});
