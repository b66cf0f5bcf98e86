import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "./exit-codes.js";
import { serveCommand } from "./serve-command.js";
import { tokenCreateCommand } from "./token-command.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "superplane-serve-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("superplane serve", () => {
  it("serves the API on the database a token was minted in, and closes when told to stop", async () => {
    const database = join(dir, "serve.db");
    let token = "";
    await tokenCreateCommand(
      { org: "acme", scope: "read", database },
      () => {},
      (text) => {
        token = text.trim();
      },
    );
    const lines: string[] = [];
    let stop = () => {};
    const stopped = new Promise<string>((resolve) => {
      stop = () => resolve("SIGTERM");
    });
    let listening = () => {};
    const ready = new Promise<void>((resolve) => {
      listening = resolve;
    });
    const log = (line: string) => {
      lines.push(line);
      if (line.includes("listening")) listening();
    };
    const exit = serveCommand({ port: "0", host: "127.0.0.1", database }, log, {
      stop: stopped,
      logger: false,
    });
    await ready;
    const url = /listening on (\S+) /.exec(lines[0]!)![1]!;
    expect(lines[0]).toBe(`superplane: listening on ${url} (sqlite ${database}, rate limits in memory)`);
    const org = await fetch(`${url}/v1/org`, { headers: { authorization: `Bearer ${token}` } });
    expect([org.status, ((await org.json()) as { name: string }).name]).toEqual([200, "acme"]);
    stop();
    expect(await exit).toBe(0);
    expect(lines[1]).toBe("superplane: SIGTERM received, closing");
    await expect(fetch(`${url}/v1/health`)).rejects.toThrow("fetch failed");
  });

  it("refuses a port that is not a port", async () => {
    await expect(serveCommand({ port: "http", host: "127.0.0.1" }, () => {})).rejects.toThrow(
      new UsageError('--port must be a whole number from 0 to 65535 (got "http")'),
    );
  });
});
