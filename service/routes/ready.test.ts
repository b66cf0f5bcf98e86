import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_POSTGRES_URL } from "../../test/support/databases.js";
import { startTcpProxy, type TcpProxy } from "../../test/support/tcp-proxy.js";
import { buildApp } from "../app.js";
import { openStorage } from "../storage/kysely-storage.js";
import { quoteIdentifier } from "../storage/open-database.js";
import type { Storage } from "../storage/storage.js";

/**
 * Short, so a black-holed database costs the suite a second at most; not shorter, since "200 again"
 * needs a fresh connection and a round trip within it, and 300 ms failed at load 24 with four workers.
 */
const READY_TIMEOUT_MS = 1_000;

const schema = `t_${randomBytes(6).toString("hex")}`;
let proxy: TcpProxy;
let storage: Storage;
let app: FastifyInstance;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

/** The test database's URL, reached through the proxy instead of directly. */
function throughProxy(): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.host = proxy.address;
  return url.toString();
}

async function probe(path: string): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now();
  const response = await app.inject({ method: "GET", url: path });
  return { status: response.statusCode, body: response.json(), ms: performance.now() - started };
}

beforeAll(async () => {
  const target = new URL(TEST_POSTGRES_URL);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await admin(`create schema ${quoteIdentifier(schema)}`);
  storage = await openStorage({ url: throughProxy(), schema, poolSize: 2 });
  app = await buildApp({ storage, readyTimeoutMs: READY_TIMEOUT_MS });
});

afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await storage?.close();
  await admin(`drop schema if exists ${quoteIdentifier(schema)} cascade`);
});

describe("readiness (/v1/ready) on PostgreSQL", () => {
  it("answers 200 while the database answers", async () => {
    expect(await probe("/v1/ready")).toMatchObject({ status: 200, body: { status: "ready" } });
  });

  it("answers 503 within its timeout while the database is black-holed; liveness stays 200", async () => {
    proxy.setMode("black-hole");
    const ready = await probe("/v1/ready");
    expect(ready).toMatchObject({
      status: 503,
      body: { error: { code: "UNAVAILABLE", message: "the database is unavailable" } },
    });
    expect(ready.ms).toBeGreaterThanOrEqual(READY_TIMEOUT_MS - 20);
    expect(ready.ms).toBeLessThan(READY_TIMEOUT_MS + 1000);
    expect(await probe("/v1/health")).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("answers 503 while the database port is closed, and 200 again once it is back", async () => {
    await proxy.stop();
    proxy.setMode("forward");
    expect(await probe("/v1/ready")).toMatchObject({ status: 503, body: { error: { code: "UNAVAILABLE" } } });
    expect((await probe("/v1/health")).status).toBe(200);
    await proxy.restart();
    expect(await probe("/v1/ready")).toMatchObject({ status: 200, body: { status: "ready" } });
  });
});

describe("readiness on SQLite", () => {
  it("answers 200 with its file open", async () => {
    const local = await openStorage({ url: ":memory:" });
    const sqliteApp = await buildApp({ storage: local });
    const response = await sqliteApp.inject({ method: "GET", url: "/v1/ready" });
    expect([response.statusCode, response.json()]).toEqual([200, { status: "ready" }]);
    await sqliteApp.close();
    await local.close();
  });
});
