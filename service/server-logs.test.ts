import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintToken } from "./auth/api-token.js";
import { type RunningServer, startServer } from "./server.js";

let dir: string;
let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "superplane-logs-"));
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    databaseUrl: join(dir, "sp.db"),
    logger: { level: "info", stream: { write: (line: string) => lines.push(line) } },
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the server's logs", () => {
  it("are one JSON object a line, each request's lines carrying its request id and never the token", async () => {
    const org = await server.storage.ensureOrganization("acme", new Date());
    const { token, hash } = mintToken();
    await server.storage.createToken(org.id, "read", hash, new Date());
    const ok = await fetch(`${server.url}/v1/repos`, {
      headers: { authorization: `Bearer ${token}`, "x-request-id": "ci-log-1" },
    });
    const denied = await fetch(`${server.url}/v1/repos`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "acme/web" }),
    });
    const deniedId = denied.headers.get("x-request-id");
    expect([ok.status, denied.status]).toEqual([200, 403]);

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const of = (id: string | null) => entries.filter((entry) => entry.request_id === id);
    expect(of("ci-log-1").map((entry) => entry.msg)).toEqual(["incoming request", "request completed"]);
    expect(of("ci-log-1")[1]).toMatchObject({ level: 30, res: { statusCode: 200 } });
    expect(of(deniedId).at(-1)).toMatchObject({ res: { statusCode: 403 } });
    expect(lines.join("")).not.toContain(token);
  });
});
