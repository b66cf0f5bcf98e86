import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { request } from "undici";
import { compactBody } from "../../action/service/selection-wire.js";
import { quoteIdentifier } from "../../service/storage/open-database.js";
import { TEST_POSTGRES_URL } from "../support/databases.js";
import { type ServeProcess, spawnServe } from "../support/serve-process.js";
import { median } from "./measure.js";
import { selectionBody } from "./selection-body.js";

/** The CLI as users run it: `bin/superplane.js` over the build `npm run bench` just made. */
const THIS_BUILD = [process.execPath, fileURLToPath(new URL("../../../bin/superplane.js", import.meta.url))];
/**
 * `SUPERPLANE_BENCH_BASELINE=<checkout>` also measures another checkout's build (its `npm run
 * build` done), alternating with this one round by round, so both see the same machine load.
 */
const BASELINE = process.env.SUPERPLANE_BENCH_BASELINE;
/** How many times each build is measured (alternating); the table shows medians. */
const REPEATS = Number(process.env.BENCH_SERVICE_REPEATS ?? (BASELINE ? 2 : 1));
export const POSTGRES_URL = process.env.SUPERPLANE_BENCH_POSTGRES_URL ?? TEST_POSTGRES_URL;
/**
 * Requests per round, a fixed amount of work rather than a time window: at 100 connections a request
 * waits seconds, and a window would cut off the requests in flight, most of them when the database
 * shares the CPU among all of them at once.
 */
const ROUND = Number(process.env.BENCH_SERVICE_REQUESTS ?? 300);
const CONNECTIONS = 100;
/** The latency target is asked at this many concurrent requests (p99 ≤ 250 ms). */
const FEW_CONNECTIONS = 10;
/** `superplane serve --workers`: processes of one SQLite node, one per core of this machine. */
const WORKERS = 2;
/** The floor server: a bare node:http JSON round trip (floor-server.ts). */
const FLOOR_SERVER = fileURLToPath(new URL("./floor-server.js", import.meta.url));
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
  /** The server processes' CPU time (user + system) per completed request. */
  cpuMs: number;
  /** GET /v1/health latency sampled during the round: how long the event loop leaves a request waiting. */
  healthP50: number;
  healthP99: number;
  /** PostgreSQL: the schema's growth (tables, TOAST, indexes) per completed request. */
  storedBytes?: number;
}

/**
 * A process's CPU time so far from /proc, with its live children's (the workers of `serve
 * --workers`); Linux only, NaN elsewhere. A child that exits during a round takes its time along.
 */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime, fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux).
    const own = (Number(fields[11]) + Number(fields[12])) * 10;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean);
    return children.reduce((sum, child) => sum + cpuMsOf(Number(child)), own);
  } catch {
    return Number.NaN;
  }
}

/** Asks for health every 50 ms until `done` settles; the latencies in ms. */
async function probeHealth(url: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  const latencies: number[] = [];
  while (!finished) {
    const started = performance.now();
    const response = await request(`${url}/v1/health`);
    await response.body.dump();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return latencies;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function mintToken(cli: string[], database: string): string {
  const minted = spawnSync(
    cli[0]!,
    [...cli.slice(1), "token", "create", "--org", "bench", "--scope", "read+write", "--database", database],
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

/**
 * Warms up the JIT and the connection pools, then sends each round its requests: one connection
 * per serving process (a request's own latency, unqueued), 10 (the latency target) and 100
 * (throughput, and the queueing the first target asked about) unless `rounds` says otherwise.
 */
async function load(
  label: string,
  servers: ServeProcess[],
  token: string,
  body: string,
  setup: { processes?: number; rounds?: number[]; storedBytes?: () => Promise<number> } = {},
): Promise<Measured[]> {
  const { storedBytes } = setup;
  const unqueued = servers.length * (setup.processes ?? 1);
  const urls = servers.map((server) => server.url);
  const options = {
    url: urls.map((url) => `${url}/v1/selection`),
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
    timeout: 60,
    // autocannon notices that a round of `amount` requests is done only at its next sample (1 s by
    // default), so `duration` was rounded up to whole seconds: 120 requests in 2.1 s read 40/s.
    sampleInt: 10,
  };
  await autocannon({ ...options, connections: 10, amount: 20 });
  const measured: Measured[] = [];
  for (const connections of setup.rounds ?? [unqueued, FEW_CONNECTIONS, CONNECTIONS]) {
    // Requests still queued from the previous round would count against this one.
    await drained(urls);
    // The unqueued round needs fewer samples: nothing waits, so its spread is the service's own.
    const amount = Math.max(connections, connections > unqueued ? ROUND : Math.round(ROUND / 6));
    const cpuBefore = servers.map((server) => cpuMsOf(server.pid));
    const bytesBefore = await storedBytes?.();
    // autocannon answers a thenable, not a Promise: adopted so `finally` works on it.
    const round = Promise.resolve(autocannon({ ...options, connections, amount }));
    const [result, health] = await Promise.all([round, probeHealth(urls[0]!, round)]);
    const cpu = servers.reduce((sum, server, i) => sum + cpuMsOf(server.pid) - cpuBefore[i]!, 0);
    const bytesAfter = await storedBytes?.();
    const requests = result.requests.total;
    measured.push({
      label: `${label}, ${connections} conn.`,
      p50: result.latency.p50,
      p99: result.latency.p99,
      // Completed requests over the round's wall time (autocannon's duration is in seconds).
      rps: requests / result.duration,
      requests,
      failed: result.non2xx + result.errors + result.timeouts,
      cpuMs: cpu / requests,
      healthP50: percentile(health, 50),
      healthP99: percentile(health, 99),
      ...(bytesBefore !== undefined && bytesAfter !== undefined
        ? { storedBytes: (bytesAfter - bytesBefore) / requests }
        : {}),
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

/** The answer's bytes in each form, as this machine's builds last answered them. */
const answerSizes: { objects?: number; columns?: number } = {};

/**
 * The request as the action sends it: the tests as columns, the decisions asked as columns
 * (action/service/selection-wire.ts), labelled "columns"; a build without them (a baseline from
 * before) answers 400, and gets the tests as objects, as the action then sends them.
 */
async function actionBody(
  url: string,
  token: string,
  repoId: string,
): Promise<{ body: string; form: string }> {
  const columns = JSON.stringify(compactBody(selectionBody(repoId, SHAPE)));
  const { status, text } = await post(url, token, columns);
  if (status === 200) {
    answerSizes.columns = Buffer.byteLength(text);
    return { body: columns, form: "columns" };
  }
  return { body: JSON.stringify(selectionBody(repoId, SHAPE)), form: "objects" };
}

/**
 * One SQLite node, `processes` processes (`--workers`), sent the action's request; with `both`, a
 * round of the tests as objects too (the form before the columns), and the objects' answer kept in
 * `answerFile` for the floor.
 */
async function onSqlite(cli: string[], work: string, processes: number, repeat: number, answerFile?: string) {
  const database = join(work, `bench-${randomBytes(4).toString("hex")}.db`);
  const token = mintToken(cli, database);
  const workers = processes > 1 ? ["--workers", String(processes)] : [];
  const server = await spawnServe(cli, ["--database", database, ...NO_LIMIT, ...workers]);
  try {
    const repoId = await connectRepo(server.url, token);
    const objects = JSON.stringify(selectionBody(repoId, SHAPE));
    const label = processes > 1 ? `SQLite, ${processes} worker processes` : "SQLite, 1 process";
    const measured: Measured[] = [];
    if (answerFile) {
      const answer = await post(server.url, token, objects);
      if (answer.status !== 200) throw new Error(`POST /v1/selection answered ${answer.status}`);
      writeFileSync(answerFile, answer.text);
      answerSizes.objects = Buffer.byteLength(answer.text);
    }
    const sent = await actionBody(server.url, token, repoId);
    const rounds = [{ form: sent.form, body: sent.body }];
    if (answerFile && sent.form !== "objects") rounds.push({ form: "objects", body: objects });
    // The database grows with every selection stored: each repeat measures the forms in turn first.
    if (repeat % 2 === 1) rounds.reverse();
    for (const round of rounds) {
      measured.push(...(await load(`${label}, ${round.form}`, [server], token, round.body, { processes })));
    }
    return measured;
  } finally {
    await stopAll([server]);
  }
}

async function post(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  const response = await request(`${url}/v1/selection`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

/**
 * The floor: what this machine manages for the same body and a real answer of the same size with
 * nothing but reading, `JSON.parse` (and, with `validate`, the service's ajv schema) and
 * `JSON.stringify` + write (floor-server.ts), on one process and on one per core.
 */
async function onFloor(answerFile: string, validate: boolean): Promise<Measured[]> {
  const body = JSON.stringify(selectionBody("repo_floor", SHAPE));
  const measured: Measured[] = [];
  for (const processes of [1, WORKERS]) {
    const args = [
      "--answer",
      answerFile,
      "--processes",
      String(processes),
      ...(validate ? ["--validate"] : []),
    ];
    const server = await spawnServe([process.execPath, FLOOR_SERVER], args);
    try {
      const label = `floor: node:http, JSON.parse${validate ? " + ajv" : ""}, ${processes} proc.`;
      measured.push(
        ...(await load(label, [server], "-", body, { processes, rounds: [processes, FEW_CONNECTIONS] })),
      );
    } finally {
      await stopAll([server]);
    }
  }
  return measured;
}

/** Whether a build's `serve` has `--workers` (a baseline from before it has not). */
function hasWorkers(cli: string[]): boolean {
  const help = spawnSync(cli[0]!, [...cli.slice(1), "serve", "--help"], { encoding: "utf8" });
  return help.stdout.includes("--workers");
}

/** Every table of the schema with its TOAST and indexes, in bytes. */
async function schemaBytes(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const result = await client.query<{ bytes: string }>(
      `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c
       join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'r'`,
      [schema],
    );
    return Number(result.rows[0]!.bytes);
  } finally {
    await client.end();
  }
}

async function onPostgres(cli: string[]): Promise<Measured[]> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create schema ${quoteIdentifier(schema)}`);
  const database = inSchema(POSTGRES_URL, schema);
  const servers: ServeProcess[] = [];
  try {
    // Migrate once before the replicas start, as a deployment would.
    const token = mintToken(cli, database);
    servers.push(await spawnServe(cli, ["--database", database, ...NO_LIMIT]));
    servers.push(await spawnServe(cli, ["--database", database, ...NO_LIMIT]));
    const repoId = await connectRepo(servers[0]!.url, token);
    const { body, form } = await actionBody(servers[0]!.url, token, repoId);
    return await load(`PostgreSQL, 2 replicas, ${form}`, servers, token, body, {
      storedBytes: () => schemaBytes(schema),
    });
  } finally {
    await stopAll(servers);
    await adminQuery(`drop schema ${quoteIdentifier(schema)} cascade`);
  }
}

function row(cells: string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(64) : cell.padStart(11))).join("");
}

/** The medians of each measurement over repeated rounds with the same label. */
function medians(rounds: Measured[]): Measured[] {
  const byLabel = new Map<string, Measured[]>();
  for (const r of rounds) byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), r]);
  return [...byLabel.entries()].map(([label, list]) => {
    const m = (pick: (r: Measured) => number) => median(list.map(pick));
    const stored = list.flatMap((r) => (r.storedBytes === undefined ? [] : [r.storedBytes]));
    return {
      label,
      p50: m((r) => r.p50),
      p99: m((r) => r.p99),
      rps: m((r) => r.rps),
      requests: list.reduce((sum, r) => sum + r.requests, 0),
      failed: list.reduce((sum, r) => sum + r.failed, 0),
      cpuMs: m((r) => r.cpuMs),
      healthP50: m((r) => r.healthP50),
      healthP99: m((r) => r.healthP99),
      ...(stored.length ? { storedBytes: median(stored) } : {}),
    };
  });
}

function printRows(results: Measured[]): void {
  console.log(
    row([
      "",
      "p50",
      "p99",
      "req/s",
      "CPU/req",
      "health p50",
      "health p99",
      "stored/req",
      "requests",
      "non-2xx",
    ]),
  );
  for (const r of results) {
    console.log(
      row([
        r.label,
        `${r.p50.toFixed(0)} ms`,
        `${r.p99.toFixed(0)} ms`,
        r.rps.toFixed(1),
        `${r.cpuMs.toFixed(0)} ms`,
        `${r.healthP50.toFixed(0)} ms`,
        `${r.healthP99.toFixed(0)} ms`,
        r.storedBytes === undefined ? "" : `${(r.storedBytes / 1024).toFixed(0)} KiB`,
        String(r.requests),
        String(r.failed),
      ]),
    );
  }
}

/**
 * `npm run bench -- --only service`: POST /v1/selection for a 5,000-test repository with 200
 * changed files at 1 connection per process, 10 and 100, against real `superplane serve`
 * processes on loopback: one on SQLite, one SQLite node of two worker processes (`--workers 2`,
 * when the build has it), then two replicas sharing one PostgreSQL schema with the load split
 * across them; and the floor (floor-server.ts): the same body and answer through bare node:http
 * with only `JSON.parse`, then with ajv, on one process and two. Beside
 * latency and throughput: the servers' CPU time per request (what the machine's load does not
 * change), health latency during the round (event-loop delay as a client meets it) and, on
 * PostgreSQL, the bytes each selection adds to the schema. With SUPERPLANE_BENCH_BASELINE, the
 * same for another checkout, alternating, and the ratios.
 */
export async function benchService(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "superplane-bench-service-"));
  const builds: [string, string[]][] = [["this build", THIS_BUILD]];
  if (BASELINE)
    builds.push(["baseline", [process.execPath, join(resolve(BASELINE), "bin", "superplane.js")]]);
  try {
    const sizing = JSON.stringify(selectionBody("repo_x", SHAPE)).length;
    const compactSizing = JSON.stringify(compactBody(selectionBody("repo_x", SHAPE))).length;
    const rounds: Measured[] = [];
    const answerFile = join(work, "answer.json");
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      // Each build goes first in turn: the machine's load drifts over a run.
      for (const [name, cli] of repeat % 2 === 1 ? [...builds].reverse() : builds) {
        const measured = [
          ...(await onSqlite(cli, work, 1, repeat, answerFile)),
          ...(hasWorkers(cli) ? await onSqlite(cli, work, WORKERS, repeat) : []),
          ...(await onPostgres(cli)),
        ];
        for (const r of measured)
          rounds.push({ ...r, label: builds.length > 1 ? `${name}: ${r.label}` : r.label });
      }
      // The same for every build: once a repeat, with this repeat's answer.
      rounds.push(...(await onFloor(answerFile, false)), ...(await onFloor(answerFile, true)));
    }
    console.log(
      `\n## service: POST /v1/selection, ${SHAPE.tests.toLocaleString("en")} tests, ${SHAPE.changedFiles} changed files` +
        ` (${(sizing / 1024).toFixed(0)} KiB body as objects, ${(compactSizing / 1024).toFixed(0)} KiB as columns), ${ROUND} requests a round at ${FEW_CONNECTIONS} and ${CONNECTIONS} connections,` +
        ` ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end` +
        (REPEATS > 1 ? `; medians of ${REPEATS} alternating rounds` : ""),
    );
    const kib = (bytes?: number) => (bytes === undefined ? "?" : `${(bytes / 1024).toFixed(0)} KiB`);
    console.log(`answer: ${kib(answerSizes.objects)} as decisions, ${kib(answerSizes.columns)} as columns`);
    const results = medians(rounds);
    printRows(results);
    if (BASELINE) printRatios(results);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** This build against the baseline, per round: throughput and CPU per request. */
function printRatios(results: Measured[]): void {
  for (const ours of results.filter((r) => r.label.startsWith("this build: "))) {
    const label = ours.label.slice("this build: ".length);
    // A baseline without columns was sent objects: the action's request then and now.
    const base =
      results.find((r) => r.label === `baseline: ${label}`) ??
      results.find((r) => r.label === `baseline: ${label.replace(", columns,", ", objects,")}`);
    if (!base) continue;
    console.log(
      `${label}${base.label.endsWith(label) ? "" : " (baseline: objects)"}: throughput x${(ours.rps / base.rps).toFixed(2)}, CPU per request x${(base.cpuMs / ours.cpuMs).toFixed(2)} less, p99 ${base.p99.toFixed(0)} -> ${ours.p99.toFixed(0)} ms`,
    );
  }
}
