import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintToken as newToken } from "../../service/auth/api-token.js";
import { migrateDatabase, openStorage } from "../../service/storage/kysely-storage.js";
import { type BundledCli, bundleCli } from "../support/cli-from-source.js";
import { type ServeProcess, spawnServe } from "../support/serve-process.js";

/** `superplane serve` as an operator runs it: real processes, signals, sockets and files. */

let cli: BundledCli;
let dir: string;
const started: ServeProcess[] = [];

beforeAll(async () => {
  cli = await bundleCli();
  dir = mkdtempSync(join(tmpdir(), "superplane-lifecycle-"));
});

afterAll(async () => {
  for (const server of started) await server.kill();
  cli?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** In-process: one CLI start fewer, and the CLI's `token create` has tests of its own. */
async function mintToken(database: string): Promise<string> {
  const storage = await openStorage({ url: database });
  try {
    const org = await storage.ensureOrganization("acme", new Date());
    const minted = newToken();
    await storage.createToken(org.id, "read+write", minted.hash, new Date());
    return minted.token;
  } finally {
    await storage.close();
  }
}

async function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const server = await spawnServe(cli.command, args, env, { stdout: true });
  started.push(server);
  return server;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The request log line for `url`, parsed. */
function logged(server: ServeProcess, url: string): { req?: { remoteAddress?: string } } | undefined {
  const line = server
    .stdout()
    .split("\n")
    .find((l) => l.includes('"incoming request"') && l.includes(`"url":"${url}"`));
  return line ? JSON.parse(line) : undefined;
}

function readAll(socket: Socket): Promise<string> {
  let text = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    text += chunk;
  });
  return new Promise((resolve, reject) => {
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

describe("superplane serve as a process", () => {
  it("on SIGTERM stops accepting, finishes the request in flight, closes its database and exits 0", async () => {
    const database = join(dir, "graceful.db");
    const token = await mintToken(database);
    const server = await serve(["--database", database]);
    const { port } = new URL(server.url);
    const body = JSON.stringify({ name: "acme/web" });
    const socket = connect(Number(port), "127.0.0.1");
    const answer = readAll(socket);
    socket.write(
      [
        "POST /v1/repos HTTP/1.1",
        "Host: superplane",
        `Authorization: Bearer ${token}`,
        "Content-Type: application/json",
        `Content-Length: ${Buffer.byteLength(body)}`,
        "X-Forwarded-For: 203.0.113.9",
        "",
        body.slice(0, 5),
      ].join("\r\n"),
    );
    // In flight: the server has read the headers and waits for the rest of the body.
    await until("the request to arrive", () => logged(server, "/v1/repos") !== undefined);
    process.kill(server.pid, "SIGTERM");
    await until("the shutdown to start", () => server.stderr().includes("SIGTERM received, closing"));
    await until("new connections to be refused", () =>
      fetch(`${server.url}/v1/health`).then(
        () => false,
        () => true,
      ),
    );
    socket.end(body.slice(5));
    const response = await answer;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response).toContain('"name":"acme/web"');
    expect(await server.exited()).toBe(0);
    // Without trust-proxy the log names the peer, whatever X-Forwarded-For claims.
    expect(logged(server, "/v1/repos")?.req?.remoteAddress).toBe("127.0.0.1");
    const storage = await openStorage({ url: database });
    const org = await storage.ensureOrganization("acme", new Date());
    expect((await storage.listRepos(org.id)).map((r) => r.name)).toEqual(["acme/web"]);
    await storage.close();
  });

  it("binds every interface with SUPERPLANE_HOST=0.0.0.0 and trusts X-Forwarded-For from SUPERPLANE_TRUST_PROXY", async () => {
    const database = join(dir, "proxied.db");
    const server = await serve(["--database", database], {
      SUPERPLANE_HOST: "0.0.0.0",
      SUPERPLANE_TRUST_PROXY: "127.0.0.1",
    });
    expect(server.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    const { port } = new URL(server.url);
    const health = await fetch(`http://127.0.0.1:${port}/v1/health`, {
      headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" },
    });
    expect(health.status).toBe(200);
    await until("the request log", () => logged(server, "/v1/health") !== undefined);
    expect(logged(server, "/v1/health")?.req?.remoteAddress).toBe("203.0.113.9");
    expect(await server.stop()).toBe(0);
  });

  it("two `superplane migrate` at once on a new SQLite file: one applies the schema, the other finds it current", async () => {
    const database = join(dir, "racing.db");
    const [node, ...prefix] = cli.command;
    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(node!, [...prefix, "migrate", "--database", database], {
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
          stderr += chunk;
        });
        child.on("exit", (code) => resolve({ code, stderr }));
      });
    // Hold the new file's write lock while both start, so both wait on it and are let go at
    // once: the race then happens on every run, not only when start-up times happen to line up.
    const holder = new SqliteDatabase(database);
    holder.exec("begin immediate");
    const racing = Promise.all([run(), run()]);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    holder.exec("commit");
    holder.close();
    const both = await racing;
    expect(both.map((r) => r.code)).toEqual([0, 0]);
    const said = both.map((r) => r.stderr.trim()).sort();
    expect(said[0]).toBe(`superplane: sqlite ${database} already up to date`);
    expect(said[1]).toMatch(new RegExp(`^superplane: sqlite ${database} applied 0001_initial, `));
    expect(await migrateDatabase({ url: database })).toEqual([]);
  });
});
