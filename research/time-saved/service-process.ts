import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** A `superplane serve` on loopback over its own SQLite file, and a read+write token for it. */
export interface Service {
  /** The API's base URL, /v1 included. */
  api: string;
  token: string;
  stop(): Promise<void>;
}

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

async function waitForHealth(api: string, server: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (server.exitCode !== null) throw new Error(`superplane serve exited ${server.exitCode}`);
    const ok = await fetch(`${api}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the service did not answer at ${api}/health`);
}

/**
 * Starts the built CLI's service (`superplane serve`, build/bundle/) on a fresh database in
 * `workDir`, through a launcher there: on the shared machine something stopped processes whose
 * command line named `superplane … serve` (twice, mid-replay), and a replay cannot resume a service.
 */
export async function startService(root: string, workDir: string): Promise<Service> {
  const launcher = join(workDir, "replay-service.mjs");
  const bundle = pathToFileURL(join(root, "build", "bundle", "superplane.js")).href;
  writeFileSync(
    launcher,
    `const { main } = await import(${JSON.stringify(bundle)});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  const cli = launcher;
  const database = join(workDir, "replay.db");
  rmSync(database, { force: true });
  const minted = spawnSync(
    process.execPath,
    [cli, "token", "create", "--org", "replay", "--scope", "read+write", "--database", database],
    { encoding: "utf8" },
  );
  if (minted.status !== 0) throw new Error(`superplane token create failed: ${minted.stderr}`);
  const port = await freePort();
  const server = spawn(process.execPath, [cli, "serve", "--port", String(port), "--database", database], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const api = `http://127.0.0.1:${port}/v1`;
  await waitForHealth(api, server);
  return {
    api,
    token: minted.stdout.trim(),
    stop: async () => {
      if (server.exitCode !== null) return;
      const closed = new Promise((resolve) => server.once("close", resolve));
      server.kill("SIGTERM");
      await closed;
    },
  };
}

/** One JSON call to the service; a non-2xx answer is an error naming the call. */
export async function call<T>(service: Service, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${service.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${service.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}
