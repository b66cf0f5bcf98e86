import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatText } from "../cli/format-text.js";
import { selectInRepo } from "../selector/select/select-in-repo.js";
import { selectionRequest } from "../selector/select/selection-request.js";
import type { SelectionResult } from "../selector/select/types.js";

/**
 * `npm run demo`: the main job on a fresh machine. Starts `superplane serve` on an embedded SQLite
 * file, mints a token, selects the tests for this repository's last commit with the real graph,
 * asks the service to decide and store the run, and prints what the service answered.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(ROOT, "bin", "superplane.js");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`superplane ${args[0]} exited ${code}`)),
    );
  });
}

async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the service did not answer at ${url}/health`);
}

async function call<T>(url: string, token: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** `npm run demo -- --keep`: the service stays up for its dashboard until Ctrl-C. */
async function keepServing(port: number, database: string): Promise<void> {
  const read = (
    await cli(["token", "create", "--org", "demo", "--scope", "read", "--database", database])
  ).trim();
  console.log(`\ndashboard: http://127.0.0.1:${port}/ (sign in with ${read}); Ctrl-C stops the service`);
  await new Promise((resolve) => process.once("SIGINT", resolve));
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "superplane-demo-"));
  const database = join(work, "superplane.db");
  const port = await freePort();
  const api = `http://127.0.0.1:${port}/v1`;
  const token = (
    await cli(["token", "create", "--org", "demo", "--scope", "read+write", "--database", database])
  ).trim();
  const server = spawn(process.execPath, [CLI, "serve", "--port", String(port), "--database", database], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForHealth(api);
    console.log(`service: ${api} on SQLite ${database}`);
    const local = await selectInRepo({ repoDir: ROOT, base: "HEAD~1", head: "HEAD" });
    const repo = await call<{ id: string }>(`${api}/repos`, token, "POST", { name: "superplane/demo" });
    const head = local.diff.head ?? "HEAD";
    const body = selectionRequest(local, {
      repoId: repo.id,
      commitSha: head,
      ...(local.diff.base ? { baseSha: local.diff.base } : {}),
    });
    const answer = await call<SelectionResult & { run_id: string }>(`${api}/selection`, token, "POST", body);
    console.log(`run ${answer.run_id} stored by the service; its decision:\n`);
    process.stdout.write(
      formatText({ ...answer, timings: local.result.timings, warnings: local.result.warnings }),
    );
    if (process.argv.includes("--keep")) await keepServing(port, database);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("close", resolve));
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
