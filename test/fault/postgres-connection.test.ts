import { randomBytes } from "node:crypto";
import pg from "pg";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteIdentifier } from "../../service/storage/open-database.js";
import { type BundledCli, bundleCli } from "../support/cli-from-source.js";
import { TEST_POSTGRES_URL } from "../support/databases.js";
import { type ServeProcess, spawnServe } from "../support/serve-process.js";

/**
 * A PostgreSQL connection dropped under a running replica (a failover, a restart, a proxy's idle
 * timeout): the replica must live on and serve again from a new connection.
 */

let cli: BundledCli;
let admin: pg.Client;
const schema = `fault_${randomBytes(6).toString("hex")}`;
const application = `victim_${randomBytes(4).toString("hex")}`;
let server: ServeProcess | undefined;

beforeAll(async () => {
  cli = await bundleCli();
  admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${quoteIdentifier(schema)}`);
}, 30_000);

afterAll(async () => {
  await server?.kill();
  await admin?.query(`drop schema if exists ${quoteIdentifier(schema)} cascade`);
  await admin?.end();
  cli?.dispose();
});

async function backends(): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>(
    "select pid from pg_stat_activity where application_name = $1",
    [application],
  );
  return rows.length;
}

describe("a replica whose PostgreSQL connections are terminated", () => {
  it("stays up and serves again from a new connection", async () => {
    const url = new URL(TEST_POSTGRES_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    url.searchParams.set("application_name", application);
    server = await spawnServe(cli.command, ["--database", url.toString()]);
    expect((await fetch(`${server.url}/v1/ready`)).status).toBe(200);
    expect(await backends()).toBeGreaterThan(0);

    const { rows } = await admin.query<{ terminated: boolean }>(
      "select pg_terminate_backend(pid) as terminated from pg_stat_activity where application_name = $1",
      [application],
    );
    expect(rows.length).toBeGreaterThan(0);
    // The idle connection hears of it at once; give the process the moment it needs to die, if it would.
    const ended = await Promise.race([
      server.exited().then(() => "exited"),
      new Promise((resolve) => setTimeout(() => resolve("alive"), 500)),
    ]);
    expect(ended, server.stderr()).toBe("alive");
    expect((await fetch(`${server.url}/v1/ready`)).status).toBe(200);
    expect(await backends()).toBeGreaterThan(0);
  }, 30_000);
});
