import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, bundleCli } from "../support/cli-from-source.js";
import { TEST_POSTGRES_URL } from "../support/databases.js";
import { TEST_REDIS_URL } from "../support/redis-url.js";
import { fencedBlocks, SHELL } from "./guide-blocks.js";

/**
 * docs/deploy.md runs as written: its `sh deploy-test` blocks, in order, as one bash script, with
 * `superplane` on the PATH and the environment the guide says it expects (a database, Redis, two
 * ports). A command that fails, or a check in the guide that does not hold, fails this test.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const GUIDE = readFileSync(join(ROOT, "docs/deploy.md"), "utf8");

let cli: BundledCli;
let work: string;
const suffix = randomBytes(5).toString("hex");
const DATABASE = `deploy_${suffix}`;
const RESTORED = `deploy_${suffix}_restored`;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

function databaseUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Harness only: if the guide's script fails half-way, its background replicas must not outlive it. */
const PRELUDE = `set -euo pipefail
trap 'for job in $(jobs -p); do kill -TERM "$job" 2>/dev/null || true; done' EXIT
`;

function runScript(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", script], { cwd: work, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.on("exit", (code) => resolve({ code, output }));
  });
}

function logsOf(dir: string): string {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".log"))
    .map((name) => `--- ${name}\n${readFileSync(join(dir, name), "utf8").slice(-3000)}`)
    .join("\n");
}

beforeAll(async () => {
  cli = await bundleCli();
  work = mkdtempSync(join(tmpdir(), "superplane-deploy-"));
  const bin = join(work, "bin");
  mkdirSync(bin);
  const shim = join(bin, "superplane");
  writeFileSync(shim, `#!/bin/sh\nexec ${cli.command.map((part) => `'${part}'`).join(" ")} "$@"\n`);
  chmodSync(shim, 0o755);
  await admin(`create database ${DATABASE}`);
  // Bundling the CLI and creating a database take seconds more than the default 10 on a loaded machine.
}, 60_000);

afterAll(async () => {
  cli?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
  for (const name of [DATABASE, RESTORED]) await admin(`drop database if exists ${name} with (force)`);
}, 60_000);

describe("docs/deploy.md", () => {
  it("runs every shell block, in order, against PostgreSQL, Redis and real replicas", async () => {
    const blocks = fencedBlocks(GUIDE).filter((block) => block.info.includes("deploy-test"));
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    const script = PRELUDE + blocks.map((block) => block.body).join("\n");
    const [portA, portB] = [await freePort(), await freePort()];
    const { SUPERPLANE_ADMIN_KEY: _inherited, ...env } = process.env;
    const result = await runScript(script, {
      ...env,
      PATH: `${join(work, "bin")}:${process.env.PATH}`,
      SUPERPLANE_DATABASE_URL: databaseUrl(DATABASE),
      SUPERPLANE_REDIS_URL: TEST_REDIS_URL,
      PORT_A: String(portA),
      PORT_B: String(portB),
      RESTORE_DB: RESTORED,
    });
    if (result.code !== 0) {
      throw new Error(`the guide's script exited ${result.code}:\n${result.output}\n${logsOf(work)}`);
    }
    expect(result.output).toContain(`listening on http://127.0.0.1:${portA} (postgres `);
  }, 180_000);

  it("runs every command it shows: each shell block is a deploy-test block", () => {
    const shell = fencedBlocks(GUIDE).filter((block) => SHELL.has(block.info[0] ?? ""));
    expect(shell.filter((block) => !block.info.includes("deploy-test"))).toEqual([]);
  });

  it("documents every environment variable the service reads", () => {
    const sources = [
      "cli/serve-settings.ts",
      "cli/serve-command.ts",
      "service/database-url.ts",
      "service/server.ts",
      "service/app.ts",
    ];
    const read = new Set<string>();
    for (const file of sources) {
      for (const match of readFileSync(join(ROOT, file), "utf8").matchAll(/\bSUPERPLANE_[A-Z_]*[A-Z]\b/g)) {
        read.add(match[0]);
      }
    }
    expect(read.size).toBeGreaterThanOrEqual(9);
    const table = GUIDE.split("\n").filter((line) => line.startsWith("| `SUPERPLANE_"));
    const documented = table.map((line) => /^\| `(SUPERPLANE_[A-Z_]+)`/.exec(line)![1]!);
    expect(documented.sort()).toEqual([...read].sort());
  });
});
