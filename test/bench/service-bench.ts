import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { request } from "undici";
import { quoteIdentifier } from "../../service/storage/open-database.js";
import { TEST_POSTGRES_URL } from "../support/databases.js";
import { type ServeProcess, spawnServe } from "../support/serve-process.js";
import { selectionBody } from "./selection-body.js";

/** The CLI as users run it: `bin/superplane.js` over the build `npm run bench` just made. */
const CLI = [process.execPath, fileURLToPath(new URL("../../../bin/superplane.js", import.meta.url))];
export const POSTGRES_URL = process.env.SUPERPLANE_BENCH_POSTGRES_URL ?? TEST_POSTGRES_URL;
/**
 * Requests per round, a fixed amount of work rather than a time window: at 100 connections a request
 * waits seconds, and a window would cut off the requests in flight, most of them when the database
 * shares the CPU among all of them at once.
 */
const ROUND = Number(process.env.BENCH_SERVICE_REQUESTS ?? 300);
const CONNECTIONS = 100;
const SHAPE = { tests: 5_000, changedFiles: 200, reachableShare: 0.2 };
/** The bench measures the endpoint, not the per-organization limit, which would answer 429s. */
const NO_LIMIT = ["--rate-limit", "10000000"];

interface Measured {
  label: string;
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  failed: number;
}

function mintToken(database: string): string {
  const minted = spawnSync(
    CLI[0]!,
    [...CLI.slice(1), "token", "create", "--org", "bench", "--scope", "read+write", "--database", database],
    { encoding: "utf8" },
  );
  if (minted.status !== 0) throw new Error(`superplane token create failed: ${minted.stderr}`);
  return minted.stdout.trim();
}

async function connectRepo(url: string, token: string): Promise<string> {
  const response = await request(`${url}/v1/repos`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench/monorepo" }),
  });
  const repo = (await response.body.json()) as { id?: string };
  if (!repo.id) throw new Error(`POST /v1/repos answered ${response.statusCode}: ${JSON.stringify(repo)}`);
  return repo.id;
}

/** Warms up the JIT and the connection pools, then sends each round its requests. */
async function load(label: string, urls: string[], token: string, body: string): Promise<Measured[]> {
  const options = {
    url: urls.map((url) => `${url}/v1/selection`),
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
    timeout: 60,
  };
  await autocannon({ ...options, connections: 10, amount: 20 });
  const measured: Measured[] = [];
  // One connection per replica shows a request's own latency, unqueued; 100 is the target's load.
  for (const connections of [urls.length, CONNECTIONS]) {
    // Requests still queued from the previous round would count against this one.
    await drained(urls);
    // The unqueued round needs fewer samples: nothing waits, so its spread is the service's own.
    const amount = connections === CONNECTIONS ? ROUND : Math.max(connections, Math.round(ROUND / 6));
    const result = await autocannon({ ...options, connections, amount });
    measured.push({
      label: `${label}, ${connections} conn.`,
      p50: result.latency.p50,
      p99: result.latency.p99,
      // Completed requests over the round's wall time (autocannon's duration is in seconds).
      rps: result.requests.total / result.duration,
      requests: result.requests.total,
      failed: result.non2xx + result.errors + result.timeouts,
    });
  }
  return measured;
}

/** Resolves once every replica answers health again, i.e. has worked off what it had queued. */
async function drained(urls: string[]): Promise<void> {
  await Promise.all(urls.map((url) => request(`${url}/v1/health`).then((response) => response.body.dump())));
}

export async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A connection string whose sessions use `schema`, so the bench never touches other tables. */
export function inSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}

async function stopAll(servers: ServeProcess[]): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
}

async function onSqlite(work: string): Promise<Measured[]> {
  const database = join(work, "bench.db");
  const token = mintToken(database);
  const server = await spawnServe(CLI, ["--database", database, ...NO_LIMIT]);
  try {
    const repoId = await connectRepo(server.url, token);
    const body = JSON.stringify(selectionBody(repoId, SHAPE));
    return await load("SQLite, 1 process", [server.url], token, body);
  } finally {
    await stopAll([server]);
  }
}

async function onPostgres(): Promise<Measured[]> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create schema ${quoteIdentifier(schema)}`);
  const database = inSchema(POSTGRES_URL, schema);
  const servers: ServeProcess[] = [];
  try {
    // Migrate once before the replicas start, as a deployment would.
    const token = mintToken(database);
    servers.push(await spawnServe(CLI, ["--database", database, ...NO_LIMIT]));
    servers.push(await spawnServe(CLI, ["--database", database, ...NO_LIMIT]));
    const repoId = await connectRepo(servers[0]!.url, token);
    const body = JSON.stringify(selectionBody(repoId, SHAPE));
    return await load(
      "PostgreSQL, 2 replicas",
      servers.map((s) => s.url),
      token,
      body,
    );
  } finally {
    await stopAll(servers);
    await adminQuery(`drop schema ${quoteIdentifier(schema)} cascade`);
  }
}

function row(cells: string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(34) : cell.padStart(12))).join("");
}

/**
 * `npm run bench -- --only service`: POST /v1/selection for a 5,000-test repository with 200
 * changed files, 100 connections, against real `superplane serve` processes on loopback: one on
 * SQLite, then two replicas sharing one PostgreSQL schema with the load split across them.
 */
export async function benchService(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "superplane-bench-service-"));
  try {
    const sizing = JSON.stringify(selectionBody("repo_x", SHAPE)).length;
    const results = [...(await onSqlite(work)), ...(await onPostgres())];
    console.log(
      `\n## service: POST /v1/selection, ${SHAPE.tests.toLocaleString("en")} tests, ${SHAPE.changedFiles} changed files` +
        ` (${(sizing / 1024 / 1024).toFixed(1)} MiB body), ${ROUND} requests at ${CONNECTIONS} connections,` +
        ` ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end`,
    );
    console.log(row(["", "p50", "p99", "throughput", "requests", "non-2xx"]));
    for (const r of results) {
      console.log(
        row([
          r.label,
          `${r.p50.toFixed(0)} ms`,
          `${r.p99.toFixed(0)} ms`,
          `${r.rps.toFixed(1)} req/s`,
          String(r.requests),
          String(r.failed),
        ]),
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
