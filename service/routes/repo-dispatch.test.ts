import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { type Kit, makeKit } from "../../test/support/service-kit.js";
import { SecretBox } from "../auth/secret-box.js";

/** A repository's workflow_dispatch settings: the token goes in and never comes out. */

const settings = { workflow: "superplane.yml", ref: "main", github_token: "ghp_0123456789abcdef" };
let kit: Kit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

async function withKey(): Promise<{ kit: Kit; secrets: SecretBox }> {
  const secrets = new SecretBox(randomBytes(32));
  kit = await makeKit({ secrets });
  return { kit, secrets };
}

const put = (k: Kit, token: string, payload: Record<string, unknown>, repoId = k.repoId) =>
  k.call(token, { method: "PUT", url: `/v1/repos/${repoId}/dispatch`, payload });
const get = (k: Kit, token: string) => k.call(token, { url: `/v1/repos/${k.repoId}/dispatch` });

describe("PUT /v1/repos/{id}/dispatch", () => {
  it("stores the token sealed, and answers and shows the settings with github_token_set, never the token", async () => {
    const { kit, secrets } = await withKey();
    const saved = await put(kit, kit.tokens.write, settings);
    expect(saved.statusCode).toBe(200);
    const expected = {
      repo_id: kit.repoId,
      workflow: "superplane.yml",
      ref: "main",
      github_token_set: true,
      updated_at: "2025-03-10T12:00:00.000Z",
    };
    expect(saved.json()).toEqual(expected);
    expect(saved.body).not.toContain(settings.github_token);
    // A read token sees the settings (not the token), as it sees the repository.
    const shown = await get(kit, kit.tokens.read);
    expect([shown.statusCode, shown.json()]).toEqual([200, expected]);
    const stored = await kit.storage.dispatch.sealedTokenSample();
    expect(stored?.token_sealed).not.toContain(settings.github_token);
    expect(secrets.open(stored!.token_sealed, kit.repoId)).toBe(settings.github_token);
  });

  it("changes the workflow and ref without the token, keeping the stored one; the first PUT needs it", async () => {
    const { kit, secrets } = await withKey();
    const { github_token: _token, ...withoutToken } = settings;
    const first = await put(kit, kit.tokens.write, withoutToken);
    expect([first.statusCode, first.json().error]).toMatchObject([
      400,
      {
        code: "VALIDATION_FAILED",
        message: "body.github_token is required: the repository has no token stored yet",
      },
    ]);
    await put(kit, kit.tokens.write, settings);
    kit.clock.advance(1000);
    const changed = await put(kit, kit.tokens.write, { workflow: "1234", ref: "release/v2" });
    expect(changed.json()).toMatchObject({ workflow: "1234", ref: "release/v2", github_token_set: true });
    const stored = await kit.storage.dispatch.sealedTokenSample();
    expect(secrets.open(stored!.token_sealed, kit.repoId)).toBe(settings.github_token);
  });

  it("refuses a token when the operator set no SUPERPLANE_SECRET_KEY, saying so", async () => {
    kit = await makeKit();
    const answer = await put(kit, kit.tokens.write, settings);
    expect([answer.statusCode, answer.json().error]).toMatchObject([
      409,
      {
        code: "CONFLICT",
        message: "this service cannot store GitHub tokens: its operator has not set SUPERPLANE_SECRET_KEY",
      },
    ]);
    expect(await kit.storage.dispatch.sealedTokenSample()).toBeUndefined();
  });

  it("needs a read+write token, the organization's repository and a workflow file name", async () => {
    const { kit } = await withKey();
    const read = await put(kit, kit.tokens.read, settings);
    expect([read.statusCode, read.json().error.code]).toEqual([403, "SCOPE_DENIED"]);
    const other = await put(kit, kit.tokens.other, settings);
    expect([other.statusCode, other.json().error.code]).toEqual([404, "NOT_FOUND"]);
    const missing = await put(kit, kit.tokens.write, settings, "repo_missing");
    expect(missing.json().error.message).toBe("repository repo_missing not found");
    const badWorkflow = await put(kit, kit.tokens.write, { ...settings, workflow: "../ci.yml" });
    expect([badWorkflow.statusCode, badWorkflow.json().error.message]).toEqual([
      400,
      expect.stringMatching(/^body\.workflow: must match pattern/),
    ]);
    const spaced = await put(kit, kit.tokens.write, { ...settings, github_token: "ghp one" });
    expect(spaced.statusCode).toBe(400);
  });
});

describe("GET and DELETE /v1/repos/{id}/dispatch", () => {
  it("answers 404 for a repository without settings, and removes them with their token", async () => {
    const { kit } = await withKey();
    const none = await get(kit, kit.tokens.write);
    expect([none.statusCode, none.json().error.message]).toEqual([
      404,
      `repository ${kit.repoId} has no dispatch settings`,
    ]);
    await put(kit, kit.tokens.write, settings);
    const removed = await kit.call(kit.tokens.write, {
      method: "DELETE",
      url: `/v1/repos/${kit.repoId}/dispatch`,
    });
    expect(removed.statusCode).toBe(204);
    expect((await get(kit, kit.tokens.write)).statusCode).toBe(404);
    expect(await kit.storage.dispatch.sealedTokenSample()).toBeUndefined();
    const again = await kit.call(kit.tokens.write, {
      method: "DELETE",
      url: `/v1/repos/${kit.repoId}/dispatch`,
    });
    expect(again.statusCode).toBe(404);
  });
});
