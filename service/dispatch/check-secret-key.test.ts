import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SecretBox } from "../auth/secret-box.js";
import { startServer } from "../server.js";
import { openStorage } from "../storage/kysely-storage.js";
import { checkSecretKey } from "./check-secret-key.js";

/** The service refuses to start when stored GitHub tokens cannot be opened, saying which key to set. */

const dir = mkdtempSync(join(tmpdir(), "superplane-secret-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function databaseWithToken(key: Buffer): Promise<string> {
  const url = join(dir, `${randomBytes(4).toString("hex")}.db`);
  const storage = await openStorage({ url });
  const org = await storage.ensureOrganization("acme", new Date());
  const repo = await storage.connectRepo(org.id, "acme/web", new Date());
  const sealed = new SecretBox(key).seal("ghp_token", repo.id);
  await storage.dispatch.saveSettings(
    org.id,
    { repo_id: repo.id, workflow: "ci.yml", ref: "main", token_sealed: sealed },
    new Date(),
  );
  await storage.close();
  return url;
}

describe("the secret key at start-up", () => {
  it("is optional while no token is stored", async () => {
    const storage = await openStorage({ url: ":memory:" });
    await expect(checkSecretKey(storage, undefined)).resolves.toBeUndefined();
    await storage.close();
  });

  it("must be set, and be the key the tokens were stored with, once one is", async () => {
    const key = randomBytes(32);
    const url = await databaseWithToken(key);
    const storage = await openStorage({ url });
    try {
      await expect(checkSecretKey(storage, undefined)).rejects.toThrow(
        "repositories have GitHub tokens stored for workflow dispatch, but SUPERPLANE_SECRET_KEY is not set: start the service with the key they were stored with",
      );
      await expect(checkSecretKey(storage, new SecretBox(randomBytes(32)))).rejects.toThrow(
        /^SUPERPLANE_SECRET_KEY does not open the stored secret/,
      );
      await expect(checkSecretKey(storage, new SecretBox(key))).resolves.toBeUndefined();
    } finally {
      await storage.close();
    }
  });

  it("stops the server from starting with the wrong key, and lets it start with the right one", async () => {
    const key = randomBytes(32);
    const databaseUrl = await databaseWithToken(key);
    const base = { port: 0, host: "127.0.0.1", databaseUrl, logger: false as const };
    await expect(startServer({ ...base, secretKey: randomBytes(32) })).rejects.toThrow(
      /SUPERPLANE_SECRET_KEY/,
    );
    const server = await startServer({ ...base, secretKey: key });
    await server.close();
  });
});
