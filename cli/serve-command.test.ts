import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SecretBox } from "../service/auth/secret-box.js";
import { openStorage } from "../service/storage/kysely-storage.js";
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

  it("refuses to start with a SUPERPLANE_SECRET_KEY that does not open the stored GitHub tokens", async () => {
    const database = join(dir, "sealed.db");
    const storage = await openStorage({ url: database });
    const org = await storage.ensureOrganization("acme", new Date());
    const repo = await storage.connectRepo(org.id, "acme/web", new Date());
    const sealed = new SecretBox(randomBytes(32)).seal("ghp_token", repo.id);
    await storage.dispatch.saveSettings(
      org.id,
      { repo_id: repo.id, workflow: "ci.yml", ref: "main", token_sealed: sealed },
      new Date(),
    );
    await storage.close();
    vi.stubEnv("SUPERPLANE_SECRET_KEY", randomBytes(32).toString("hex"));
    try {
      // A stop of its own: the SIGTERM and SIGINT handlers a refused start would leave behind are
      // the process's, and the files after this one share it (vitest.config.ts).
      const never = new Promise<never>(() => {});
      await expect(
        serveCommand({ port: "0", host: "127.0.0.1", database }, () => {}, { stop: never }),
      ).rejects.toThrow(
        new UsageError(
          "SUPERPLANE_SECRET_KEY does not open the stored secret: it was sealed with another key (was the key changed?)",
        ),
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
