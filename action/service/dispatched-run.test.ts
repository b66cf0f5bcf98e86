import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import { mintToken } from "../../service/auth/api-token.js";
import { type RunningServer, startServer } from "../../service/server.js";
import { useGithubNock } from "../../test/support/github-nock.js";
import { readGithubContext } from "../event/github-context.js";
import { HttpClient } from "./http-client.js";
import { ServiceApi } from "./service-api.js";

/**
 * A run started from the API alone, end to end: the real service on loopback queues it and
 * dispatches the workflow (GitHub's API is nock), the workflow run's event names the run, and the
 * action's client adopts it with its decision.
 */

const SHA = "d".repeat(40);
/** A test the change reaches by name: selected, so the adopted run waits for results. */
const REACHED = {
  ...unreachableFeatures(false),
  reachable: true,
  distance: 1,
  symbolHit: true,
  changedFilesReaching: 1,
  maxFanIn: 1,
};
let dir: string;
let server: RunningServer;
let token: string;
let http: HttpClient;
let api: ServiceApi;

// The service under test listens on loopback.
useGithubNock("127.0.0.1");
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "superplane-dispatched-"));
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    databaseUrl: join(dir, "service.db"),
    logger: false,
    secretKey: randomBytes(32),
    deliveryPollMs: 20,
  });
  const org = await server.storage.ensureOrganization("acme", new Date());
  const minted = mintToken();
  await server.storage.createToken(org.id, "read+write", minted.hash, new Date());
  token = minted.token;
  http = new HttpClient({ baseUrl: `${server.url}/v1`, token });
  api = new ServiceApi(http);
}, 60_000);
afterAll(async () => {
  await http?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe("a run started from the API alone", () => {
  it("is dispatched to the repository's workflow and adopted by the action run it starts", async () => {
    const repoId = await api.connectRepo("acme/web");
    await call("PUT", `/repos/${repoId}/dispatch`, {
      workflow: "superplane.yml",
      ref: "main",
      github_token: "ghp_0123456789abcdef",
    });
    let dispatched: { ref: string; inputs: Record<string, string> } | undefined;
    nock("https://api.github.com", { reqheaders: { authorization: "Bearer ghp_0123456789abcdef" } })
      .post("/repos/acme/web/actions/workflows/superplane.yml/dispatches", (body) => {
        dispatched = body;
        return true;
      })
      .reply(204);
    const queued = await call("POST", "/runs", { repo_id: repoId, commit_sha: SHA, policy_ref: "main" });
    expect(queued).toMatchObject({ status: "queued", dispatch: { status: "pending" } });

    // The server's dispatch worker sends it from the outbox, on its own.
    const deadline = Date.now() + 10_000;
    const status = async () =>
      ((await call("GET", `/runs/${queued.id}`)).dispatch as { status: string }).status;
    while ((await status()) === "pending") {
      if (Date.now() > deadline) throw new Error("the workflow was not dispatched within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(dispatched).toEqual({
      ref: "main",
      inputs: { superplane_run_id: queued.id, superplane_commit_sha: SHA },
    });

    // GitHub starts the workflow: its event carries the inputs the service sent.
    const eventPath = join(dir, "event.json");
    writeFileSync(eventPath, JSON.stringify({ ref: "refs/heads/main", inputs: dispatched!.inputs }));
    const context = readGithubContext(
      {
        GITHUB_REPOSITORY: "acme/web",
        GITHUB_SHA: SHA,
        GITHUB_EVENT_NAME: "workflow_dispatch",
        GITHUB_EVENT_PATH: eventPath,
      },
      dir,
    );
    const decision = await api.decide(
      {
        repo_id: repoId,
        commit_sha: SHA,
        changed_files: [{ path: "src/a.ts", status: "modified" }],
        tests: [{ path: "test/a.test.ts", features: REACHED }],
      },
      {
        policyRef: `${SHA}:.superplane/policy.yml`,
        ...(context.queuedRunId ? { queuedRunId: context.queuedRunId } : {}),
      },
    );
    expect(decision.runId).toBe(queued.id);
    expect(await call("GET", `/runs/${queued.id}`)).toMatchObject({
      status: "running",
      dispatch: { status: "dispatched", attempts: 1 },
    });
  }, 30_000);
});
