import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { request } from "undici";
import { quoteIdentifier } from "../../service/storage/open-database.js";
import { spawnServe } from "../support/serve-process.js";
import { adminQuery, inSchema, POSTGRES_URL } from "./service-bench.js";

/** The CLI as users run it: `bin/superplane.js` over the build `npm run bench` just made. */
const CLI = [process.execPath, fileURLToPath(new URL("../../../bin/superplane.js", import.meta.url))];
/** Health is asked one request at a time, this long apart, while a large body is processed. */
const PROBE_EVERY_MS = 20;
const MiB = 1024 * 1024;

interface Body {
  label: string;
  method: "POST" | "PUT";
  path: string;
  type: string;
  data: string;
}

interface Blocking {
  label: string;
  bytes: number;
  gzipBytes?: number;
  status: number;
  ms: number;
  probes: number;
  /** Probes whose connection the server dropped. */
  dropped: number;
  p50: number;
  p99: number;
  max: number;
  /** The server's own event-loop delay during the request (`GET /metrics`), ms; absent on a build without it. */
  loop?: { p99: number; max: number };
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

async function call(url: string, token: string, method: string, body: unknown): Promise<{ id?: string }> {
  const response = await request(url, {
    method: method as "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.body.json()) as { id?: string };
  if (response.statusCode >= 300)
    throw new Error(`${url} answered ${response.statusCode}: ${JSON.stringify(answer)}`);
  return answer;
}

const unreachable = {
  reachable: false,
  distance: 0,
  symbolHit: false,
  weakOnly: false,
  changedFilesReaching: 0,
  maxFanIn: 0,
  typeTest: false,
};

/** 100,000 tests with short paths, so the body fits the default 16 MiB limit (as the issue's did). */
function selection(repoId: string, tests: number) {
  return {
    repo_id: repoId,
    commit_sha: "b".repeat(40),
    base_sha: "a".repeat(40),
    changed_files: [{ path: "src/m.ts", status: "modified" }],
    tests: Array.from({ length: tests }, (_, i) => ({
      path: `t/${i % 20}/u${i}.test.ts`,
      features: unreachable,
    })),
  };
}

/** One suite of `cases` test cases over 5,000 test files: about 12 MiB at 250,000 cases. */
function junit(cases: number): string {
  const parts: string[] = [];
  for (let i = 0; i < cases; i++) {
    parts.push(`<testcase classname="t/u${i % 5000}.ts" name="c${i}" time="0.01"/>`);
  }
  return `<testsuites><testsuite name="s">${parts.join("")}</testsuite></testsuites>`;
}

/** `records` records of 60 files each with 8 function indexes: about 52 MiB at 7,000. */
function coverage(records: number): string {
  const blob = "c".repeat(40);
  const files = Array.from({ length: 60 }, (_, f) => ({
    path: `packages/pkg-${f % 20}/src/module-${f}.ts`,
    blob,
    units: [0, 1, 2, 3, 4, 5, 6, 7],
    order: f,
  }));
  return JSON.stringify({
    commit_sha: "d".repeat(40),
    records: Array.from({ length: records }, (_, i) => ({ version: 1, test: `test/t-${i}.test.ts`, files })),
  });
}

/**
 * The server's event-loop delay since the previous read, from its Prometheus text; undefined when
 * the build has no `/metrics` (a baseline from before it).
 */
async function loopDelay(url: string): Promise<{ p99: number; max: number } | undefined> {
  const response = await request(`${url}/metrics`);
  const text = await response.body.text();
  if (response.statusCode !== 200) return undefined;
  const gauge = (name: string) => {
    const match = new RegExp(`^nodejs_eventloop_lag_${name}_seconds (\\S+)$`, "m").exec(text);
    if (!match) throw new Error(`/metrics has no nodejs_eventloop_lag_${name}_seconds:\n${text}`);
    return Number(match[1]) * 1000;
  };
  return { p99: gauge("p99"), max: gauge("max") };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Sends `body` and, until it is answered, asks `/v1/health` one request at a time. */
async function measure(url: string, token: string, body: Body, gzip: boolean): Promise<Blocking> {
  const raw = Buffer.from(body.data);
  const sent = gzip ? gzipSync(raw) : raw;
  // Starts the server's window afresh; its sampler sees nothing for one interval after that.
  await loopDelay(url);
  await new Promise((resolve) => setTimeout(resolve, 50));
  let done = false;
  const started = performance.now();
  const big = request(`${url}${body.path}`, {
    method: body.method,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": body.type,
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    },
    body: sent,
    headersTimeout: 600_000,
    bodyTimeout: 600_000,
  }).then(async (response) => {
    const text = await response.body.text();
    done = true;
    if (response.statusCode >= 300)
      console.error(`${body.label}: ${response.statusCode} ${text.slice(0, 300)}`);
    return { status: response.statusCode, ms: performance.now() - started };
  });
  const latencies: number[] = [];
  let dropped = 0;
  while (!done) {
    const probe = performance.now();
    try {
      const response = await request(`${url}/v1/health`, { headersTimeout: 600_000 });
      await response.body.dump();
    } catch {
      // A probe the server could not read within its 30 s request timeout is dropped (a build
      // that blocks that long): counted, and its wait counts as its latency.
      dropped++;
    }
    latencies.push(performance.now() - probe);
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
  }
  const { status, ms } = await big;
  const loop = await loopDelay(url);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    label: `${body.label}${gzip ? ", gzip" : ""}`,
    bytes: raw.length,
    ...(gzip ? { gzipBytes: sent.length } : {}),
    status,
    ms,
    probes: sorted.length,
    dropped,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    ...(loop ? { loop } : {}),
  };
}

function row(cells: string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(64) : cell.padStart(11))).join("");
}

/** Every large body, one at a time, against one `superplane serve` on `database`. */
async function onDatabase(cli: string[], database: string, gzip: boolean): Promise<Blocking[]> {
  const token = mintToken(cli, database);
  const server = await spawnServe(cli, ["--database", database, "--rate-limit", "10000000"]);
  try {
    const url = server.url;
    const repoId = (await call(`${url}/v1/repos`, token, "POST", { name: "bench/blocking" })).id!;
    const runId = (await call(`${url}/v1/runs`, token, "POST", selection(repoId, 5_000))).id!;
    const bodies: Body[] = [
      {
        label: "JUnit XML, 250,000 cases",
        method: "POST",
        path: `/v1/runs/${runId}/results`,
        type: "application/xml",
        data: junit(250_000),
      },
      {
        label: "selection, 100,000 tests",
        method: "POST",
        path: "/v1/selection",
        type: "application/json",
        data: JSON.stringify(selection(repoId, 100_000)),
      },
      {
        label: "coverage, 7,000 records",
        method: "PUT",
        path: `/v1/repos/${repoId}/coverage`,
        type: "application/json",
        data: coverage(7_000),
      },
    ];
    const results: Blocking[] = [];
    for (const body of bodies) results.push(await measure(url, token, body, gzip));
    return results;
  } finally {
    await server.stop();
  }
}

/** One build's rows: SQLite, then PostgreSQL in a schema of its own. */
async function onBuild(cli: string[], work: string, gzip: boolean): Promise<[string, Blocking[]][]> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  try {
    const sqlite = await onDatabase(cli, join(work, `${schema}.db`), gzip);
    await adminQuery(`create schema ${quoteIdentifier(schema)}`);
    const postgres = await onDatabase(cli, inSchema(POSTGRES_URL, schema), gzip);
    return [
      ["SQLite", sqlite],
      ["PostgreSQL", postgres],
    ];
  } finally {
    await adminQuery(`drop schema if exists ${quoteIdentifier(schema)} cascade`);
  }
}

function printRows(build: string, rows: [string, Blocking[]][]): void {
  for (const [database, results] of rows) {
    for (const r of results) {
      const size = `${(r.bytes / MiB).toFixed(1)} MiB${r.gzipBytes ? ` (${(r.gzipBytes / MiB).toFixed(1)})` : ""}`;
      console.log(
        row([
          `${build}${database}: ${r.label}`,
          size,
          String(r.status),
          `${r.ms.toFixed(0)} ms`,
          r.dropped > 0 ? `${r.probes} (${r.dropped} dropped)` : String(r.probes),
          `${r.p50.toFixed(0)} ms`,
          `${r.p99.toFixed(0)} ms`,
          `${r.max.toFixed(0)} ms`,
          r.loop ? `${r.loop.p99.toFixed(0)} ms` : "-",
          r.loop ? `${r.loop.max.toFixed(0)} ms` : "-",
        ]),
      );
    }
  }
}

/**
 * `npm run bench -- --only blocking`: how long one large body holds up everyone else. A real
 * `superplane serve` takes a 250,000-case JUnit report, a 100,000-test selection and a
 * 7,000-record coverage upload, one at a time, while `/v1/health` is asked every 20 ms; the health
 * latencies are what a load balancer's probe (or any other client) sees meanwhile, and the loop
 * columns the server's own event-loop delay over the request (`GET /metrics`, target max ≤ 100 ms).
 * On SQLite, then on PostgreSQL (whose driver, unlike better-sqlite3's, does not hold the thread
 * while it stores). `BENCH_BLOCKING_GZIP=1` sends the bodies gzipped, as the action does;
 * `SUPERPLANE_BENCH_BASELINE=<checkout with its own npm run build>` measures that build too, right
 * after this one (a build without `/metrics` shows "-" for the loop).
 */
export async function benchBlocking(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "superplane-bench-blocking-"));
  const gzip = process.env.BENCH_BLOCKING_GZIP === "1";
  const baseline = process.env.SUPERPLANE_BENCH_BASELINE;
  try {
    const ours = await onBuild(CLI, work, gzip);
    const theirs = baseline
      ? await onBuild([process.execPath, join(baseline, "bin", "superplane.js")], work, gzip)
      : undefined;
    console.log(
      `\n## blocking: /v1/health every ${PROBE_EVERY_MS} ms while one large body is processed, and the` +
        " server's event-loop delay meanwhile (loop: GET /metrics; target max ≤ 100 ms)" +
        ` (superplane serve, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end)`,
    );
    console.log(
      row([
        "",
        "body",
        "status",
        "request",
        "probes",
        "health p50",
        "health p99",
        "health max",
        "loop p99",
        "loop max",
      ]),
    );
    printRows(theirs ? "this build, " : "", ours);
    if (theirs) printRows("baseline, ", theirs);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
