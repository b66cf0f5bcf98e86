import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintToken as newToken } from "../../service/auth/api-token.js";
import { openStorage } from "../../service/storage/kysely-storage.js";
import { type BundledCli, bundleCli } from "../support/cli-from-source.js";
import { type ServeProcess, spawnServe } from "../support/serve-process.js";
import { selectionBody } from "../support/service-kit.js";

/** `superplane serve --workers 2` as an operator runs it: one port, two processes, one SQLite file. */

let cli: BundledCli;
let dir: string;
const started: ServeProcess[] = [];

beforeAll(async () => {
  cli = await bundleCli();
  dir = mkdtempSync(join(tmpdir(), "superplane-workers-"));
});

afterAll(async () => {
  for (const server of started) await server.kill();
  cli?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A token and a repository, in-process, before the server starts. */
async function seed(database: string): Promise<{ token: string; repoId: string }> {
  const storage = await openStorage({ url: database });
  try {
    const org = await storage.ensureOrganization("acme", new Date());
    const minted = newToken();
    await storage.createToken(org.id, "read+write", minted.hash, new Date());
    const repo = await storage.connectRepo(org.id, "acme/web", new Date());
    return { token: minted.token, repoId: repo.id };
  } finally {
    await storage.close();
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The pids that logged answering `GET url` (pino puts the process id on every line). */
function answeringPids(server: ServeProcess, url: string): Set<number> {
  const pids = server
    .stdout()
    .split("\n")
    .filter((line) => line.includes('"request completed"') || line.includes('"incoming request"'))
    .map((line) => JSON.parse(line) as { pid: number; req?: { url?: string } })
    .filter((entry) => entry.req?.url === undefined || entry.req.url === url)
    .map((entry) => entry.pid);
  return new Set(pids);
}

/** One request on a connection of its own, so the primary hands each to the next worker. */
async function once(
  url: string,
  init: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string } = {},
) {
  const dispatcher = new Agent({ pipelining: 0 });
  try {
    const response = await request(url, { ...init, dispatcher });
    return { status: response.statusCode, body: await response.body.text() };
  } finally {
    await dispatcher.close();
  }
}

// Each test starts three processes on a machine that may be busy.
describe("superplane serve --workers", { timeout: 90_000 }, () => {
  it("answers from two processes on one port and one database, replaces a killed one, and stops on SIGTERM", async () => {
    const database = join(dir, "workers.db");
    const { token, repoId } = await seed(database);
    const server = await spawnServe(
      cli.command,
      ["--database", database, "--workers", "2"],
      {},
      { stdout: true },
    );
    started.push(server);
    expect(server.stderr()).toMatch(
      /listening on \S+ \(sqlite .*, rate limits in database, 2 worker processes\)/,
    );
    const workers = childrenOf(server.pid);
    expect(workers).toHaveLength(2);

    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created = await once(`${server.url}/v1/selection`, {
      method: "POST",
      headers,
      body: JSON.stringify(selectionBody(repoId)),
    });
    expect(created.status).toBe(200);
    const runId = (JSON.parse(created.body) as { run_id: string }).run_id;
    // Whichever process answers reads the run the other may have stored.
    for (let i = 0; i < 6; i++) {
      expect((await once(`${server.url}/v1/runs/${runId}`, { headers })).status).toBe(200);
    }
    await until("both workers to answer", () => answeringPids(server, `/v1/runs/${runId}`).size === 2);
    expect([...answeringPids(server, `/v1/runs/${runId}`)].sort()).toEqual([...workers].sort());

    process.kill(workers[0]!, "SIGKILL");
    await until("a replacement", () => server.stderr().includes(`worker ${workers[0]} exited (SIGKILL)`));
    await until("two workers again", () => {
      const now = childrenOf(server.pid);
      return now.length === 2 && !now.includes(workers[0]!);
    });
    for (let i = 0; i < 4; i++) expect((await once(`${server.url}/v1/health`)).status).toBe(200);

    const replaced = childrenOf(server.pid);
    expect(await server.stop()).toBe(0);
    expect(server.stderr()).toContain("superplane: SIGTERM received, closing");
    for (const pid of replaced) expect(() => process.kill(pid, 0)).toThrow();
  });

  it("counts an organization's rate limit across its processes", async () => {
    const database = join(dir, "limits.db");
    const { token } = await seed(database);
    const server = await spawnServe(cli.command, [
      "--database",
      database,
      "--workers",
      "2",
      "--rate-limit",
      "3",
    ]);
    started.push(server);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await once(`${server.url}/v1/org`, { headers: { authorization: `Bearer ${token}` } })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(await server.stop()).toBe(0);
  });

  it("exits with the workers' failure when they cannot listen, rather than starting them again", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const args = ["--database", join(dir, "taken.db"), "--workers", "2", "--port", String(port)];
      await expect(spawnServe(cli.command, args)).rejects.toThrow(
        /exited 1 before listening:[\s\S]*EADDRINUSE/,
      );
    } finally {
      taken.close();
    }
  });
});
