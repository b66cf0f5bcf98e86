import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import pg from "pg";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteIdentifier } from "../../service/storage/open-database.js";
import { type BundledCli, bundleCli } from "../support/cli-from-source.js";
import { TEST_POSTGRES_URL } from "../support/databases.js";
import { type ServeProcess, spawnServe } from "../support/serve-process.js";
import { selectionBody } from "../support/service-kit.js";
import { socketOwner } from "../support/socket-owner.js";
import { startReceiver, type TestReceiver } from "../support/webhook-receiver.js";

/**
 * Two `superplane serve` replicas, real child processes on one PostgreSQL schema, under a load of
 * webhook-triggering runs and result reports. Once the load flows, the receiver holds one delivery
 * unanswered and the replica sending it is SIGKILLed with that POST in flight, then a replica is
 * started in its place. Afterwards every acknowledged report is stored, every queued webhook
 * event reached the loopback receiver under exactly one delivery id, and the held one was sent
 * again by another replica as attempt 2: the path between a POST and its record, taken every run.
 */

const CLIENTS = 4;
/** Load that keeps flowing after the restart, so the new replica takes requests too. */
const AFTER_RESTART_MS = 1_000;
// Longer than the moment between the held POST's arrival and the kill, so the victim cannot time
// it out and record attempt 1 first; the lease (three timeouts) then bounds the takeover's wait.
const WEBHOOK_TIMEOUT_MS = 2_000;

interface Acknowledged {
  runId: string;
  /** Outcome per test path, as reported. */
  outcomes: Record<string, string>;
}

let cli: BundledCli;
let schema: string;
let database: string;
let receiver: TestReceiver;
let admin: pg.Client;
const replicas: ServeProcess[] = [];

function inSchema(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${name}`);
  return parsed.toString();
}

function serve(): Promise<ServeProcess> {
  return spawnServe(cli.command, [
    "--database",
    database,
    "--allow-private-webhooks",
    "--webhook-timeout",
    String(WEBHOOK_TIMEOUT_MS),
    "--rate-limit",
    "1000000",
  ]);
}

function mintToken(): string {
  const [node, ...args] = cli.command;
  const minted = spawnSync(
    node!,
    [...args, "token", "create", "--org", "fault", "--scope", "read+write", "--database", database],
    { encoding: "utf8" },
  );
  if (minted.status !== 0) throw new Error(`token create failed: ${minted.stderr}`);
  return minted.stdout.trim();
}

async function call(url: string, token: string, method: "GET" | "POST", path: string, body?: unknown) {
  const response = await request(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await response.body.text();
  return { status: response.statusCode, json: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  cli = await bundleCli();
  schema = `fault_${randomBytes(6).toString("hex")}`;
  admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${quoteIdentifier(schema)}`);
  database = inSchema(TEST_POSTGRES_URL, schema);
  receiver = await startReceiver();
}, 30_000);

/** The one delivery the receiver leaves unanswered, and whether its sender hung up before the kill. */
interface Held {
  id: string;
  response: ServerResponse;
  closedByClient: boolean;
}

/** Answers every delivery at once, except the first to arrive after `arm()`: that one is held. */
function holdOneDelivery() {
  let armed = false;
  let held: Held | undefined;
  let arrived: (held: Held) => void = () => {};
  const arrival = new Promise<Held>((resolve) => {
    arrived = resolve;
  });
  receiver.respond((entry, response) => {
    if (!armed || held) return 204;
    held = { id: entry.headers["x-superplane-delivery"] as string, response, closedByClient: false };
    const mine = held;
    response.socket!.once("close", () => {
      mine.closedByClient = true;
    });
    arrived(mine);
    return "hold";
  });
  return {
    arm: () => {
      armed = true;
      return arrival;
    },
  };
}

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await receiver?.close();
  await admin?.query(`drop schema if exists ${quoteIdentifier(schema)} cascade`);
  await admin?.end();
  cli?.dispose();
});

describe("two PostgreSQL replicas, one killed mid-load", () => {
  it("loses no acknowledged report and delivers every webhook event under one delivery id", async () => {
    const token = mintToken();
    replicas.push(await serve(), await serve());
    const live = () => replicas.map((r) => r.url);
    const first = live()[0]!;
    const hook = await call(first, token, "POST", "/v1/webhooks", {
      url: receiver.url,
      events: ["run.started", "run.passed", "run.failed"],
    });
    expect(hook.status).toBe(201);
    const repo = await call(first, token, "POST", "/v1/repos", { name: "fault/repo" });
    const body = selectionBody(repo.json.id);
    const tests = body.tests.map((t) => t.path);

    const started: string[] = [];
    const reported: Acknowledged[] = [];
    let sent = 0;
    let refused = 0;
    let loadDone = false;
    const hold = holdOneDelivery();

    /** Sends to a live replica; a request the dying replica swallowed is retried on another. */
    async function send(path: string, payload: unknown) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const targets = live();
        const url = targets[(sent++ + attempt) % targets.length]!;
        try {
          const answer = await call(url, token, "POST", path, payload);
          if (answer.status < 500) return answer;
        } catch {
          refused++;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no replica answered ${path}`);
    }

    async function client(index: number) {
      for (let n = 0; !loadDone; n++) {
        // A commit per run, as CI sends them; the same commit failing and passing would look flaky.
        const run = await send("/v1/runs", { ...body, commit_sha: randomBytes(20).toString("hex") });
        expect(run.status).toBe(201);
        started.push(run.json.id);
        const failing = (index + n) % 3 === 0;
        const results = tests.map((test_path, i) => ({
          test_path,
          outcome: failing && i === 0 ? "failed" : "passed",
          duration_ms: 5 + i,
        }));
        const report = await send(`/v1/runs/${run.json.id}/results`, { results });
        expect(report.status).toBe(200);
        const outcomes = Object.fromEntries(results.map((r) => [r.test_path, r.outcome]));
        reported.push({ runId: run.json.id, outcomes });
      }
    }

    let held: Held | undefined;
    let victimPid = 0;
    /** Once the load flows, kills the replica whose delivery the receiver holds, mid-POST. */
    async function crash() {
      while (reported.length < CLIENTS) await new Promise((resolve) => setTimeout(resolve, 20));
      held = await hold.arm();
      const port = Number(new URL(receiver.url).port);
      victimPid = socketOwner(
        held.response.socket!.remotePort!,
        port,
        replicas.map((r) => r.pid),
      );
      const victim = replicas.splice(
        replicas.findIndex((r) => r.pid === victimPid),
        1,
      )[0]!;
      expect(held.closedByClient, "the held POST ended before the kill").toBe(false);
      await victim.kill();
      replicas.push(await serve());
      await new Promise((resolve) => setTimeout(resolve, AFTER_RESTART_MS));
      loadDone = true;
    }

    await Promise.all([crash(), ...Array.from({ length: CLIENTS }, (_, i) => client(i))]);
    expect(reported.length).toBeGreaterThanOrEqual(CLIENTS);

    // Every acknowledged report is there, whichever replica took it.
    const statuses = new Map<string, string>();
    for (const { runId, outcomes } of reported) {
      const run = await call(live()[0]!, token, "GET", `/v1/runs/${runId}`);
      const stored = (run.json.results as { test_path: string; outcome: string }[]).map((r) => [
        r.test_path,
        r.outcome,
      ]);
      expect([run.status, Object.fromEntries(stored)]).toEqual([200, outcomes]);
      expect(["passed", "failed"]).toContain(run.json.status);
      statuses.set(runId, run.json.status);
    }

    // The outbox drains: the killed replica's leases run out and the others deliver them.
    const outbox = async () =>
      (
        await admin.query<{ id: string; event: string; payload: string; delivered_at: string | null }>(
          `select id, event, payload, delivered_at from ${quoteIdentifier(schema)}.webhook_outbox`,
        )
      ).rows;
    const drainBy = Date.now() + 15_000;
    while ((await outbox()).some((row) => row.delivered_at === null) && Date.now() < drainBy) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const queued = await outbox();
    expect(queued.filter((row) => row.delivered_at === null)).toEqual([]);

    // Exactly once by delivery id: the receiver saw each queued delivery, and nothing else.
    const received = new Map<string, string[]>();
    for (const entry of receiver.received) {
      const id = entry.headers["x-superplane-delivery"] as string;
      received.set(id, [...(received.get(id) ?? []), entry.body]);
    }
    expect([...received.keys()].sort()).toEqual(queued.map((row) => row.id).sort());
    // A replica killed between a POST and its record sends that delivery again, same id and body.
    for (const bodies of received.values()) expect(new Set(bodies).size).toBe(1);
    // The held one took that path: sent as attempt 1 by the victim, which died before recording
    // it; its lease ran out and another replica sent attempt 2, the only attempt on record.
    const heldId = held!.id;
    const attemptsSent = receiver.received
      .filter((entry) => entry.headers["x-superplane-delivery"] === heldId)
      .map((entry) => entry.headers["x-superplane-attempt"]);
    expect(attemptsSent).toEqual(["1", "2"]);
    const heldRow = await admin.query<{ attempts: number }>(
      `select attempts from ${quoteIdentifier(schema)}.webhook_outbox where id = $1`,
      [heldId],
    );
    expect(heldRow.rows).toEqual([{ attempts: 2 }]);
    const heldLog = await admin.query<{ attempt: number; status_code: number }>(
      `select attempt, status_code from ${quoteIdentifier(schema)}.webhook_attempts where delivery_id = $1`,
      [heldId],
    );
    expect(heldLog.rows).toEqual([{ attempt: 2, status_code: 204 }]);

    // One event per run and kind: a report retried after the kill queued nothing twice.
    const events = queued.map((row) => {
      const payload = JSON.parse(row.payload) as { data: { run: { id: string } } };
      return `${row.event} ${payload.data.run.id}`;
    });
    expect(new Set(events).size).toBe(events.length);
    for (const runId of started) expect(events).toContain(`run.started ${runId}`);
    for (const { runId } of reported) expect(events).toContain(`run.${statuses.get(runId)} ${runId}`);
    console.info(
      `fault: ${started.length} runs, ${reported.length} reports, ${queued.length} deliveries, ` +
        `${receiver.received.length - received.size} resent, ${refused} requests retried after ` +
        `killing pid ${victimPid}`,
    );
  }, 60_000);
});
