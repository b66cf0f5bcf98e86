import { randomBytes } from "node:crypto";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/support/databases.js";
import { useGithubNock } from "../../test/support/github-nock.js";
import { ManualClock, START } from "../../test/support/service-kit.js";
import { SecretBox } from "../auth/secret-box.js";
import { queueRun } from "../selection/queue-run.js";
import type { Storage } from "../storage/storage.js";
import { DispatchWorker } from "./dispatch-worker.js";

/** The dispatch outbox across replicas: one dispatch per run, and a dead replica's lease runs out. */

const DISPATCHES = "/repos/acme/web/actions/workflows/ci.yml/dispatches";

useGithubNock();

describe.each(testDatabases())("dispatch workers on $name", (database) => {
  let replicas: [Storage, Storage];
  let orgId: string;
  let repoId: string;
  const clock = new ManualClock(START);
  const secrets = new SecretBox(randomBytes(32));

  beforeAll(async () => {
    replicas = await database.openPair();
    const [storage] = replicas;
    orgId = (await storage.ensureOrganization("acme", START)).id;
    repoId = (await storage.connectRepo(orgId, "acme/web", START)).id;
    await storage.dispatch.saveSettings(
      orgId,
      { repo_id: repoId, workflow: "ci.yml", ref: "main", token_sealed: secrets.seal("ghp_x", repoId) },
      START,
    );
  });
  afterAll(() => database.dispose());

  const queue = (sha: string) =>
    queueRun(replicas[0], orgId, { repo_id: repoId, commit_sha: sha }, clock.now());
  const worker = (storage: Storage) => new DispatchWorker({ storage, clock, secrets, leaseMs: 30_000 });

  it("dispatches a run once when two replicas poll at the same moment", async () => {
    const run = await queue("1".repeat(40));
    const github = nock("https://api.github.com").post(DISPATCHES).reply(204);
    const claimed = await Promise.all(replicas.map((storage) => worker(storage).runOnce()));
    expect(claimed.sort()).toEqual([0, 1]);
    expect(github.isDone()).toBe(true);
    expect(await replicas[1].dispatch.dispatchOf(orgId, run.id)).toMatchObject({
      status: "dispatched",
      attempts: 1,
    });
  });

  it("sends again, as attempt 2, once the lease of a replica that died mid-send runs out", async () => {
    const run = await queue("2".repeat(40));
    // A replica claims the row and dies before it can record anything.
    expect(await replicas[0].dispatch.claim("dead-replica", clock.now(), 30_000, 10)).toHaveLength(1);
    const survivor = worker(replicas[1]);
    expect(await survivor.runOnce()).toBe(0);
    clock.advance(30_000);
    nock("https://api.github.com").post(DISPATCHES).reply(204);
    expect(await survivor.runOnce()).toBe(1);
    expect(await replicas[1].dispatch.dispatchOf(orgId, run.id)).toMatchObject({
      status: "dispatched",
      attempts: 2,
    });
  });

  it("gives its leases back when it stops, so another replica sends at once", async () => {
    const run = await queue("3".repeat(40));
    await replicas[0].dispatch.claim("stopping-replica", clock.now(), 30_000, 10);
    expect(await replicas[0].dispatch.release("stopping-replica")).toBe(1);
    nock("https://api.github.com").post(DISPATCHES).reply(204);
    expect(await worker(replicas[1]).runOnce()).toBe(1);
    expect((await replicas[1].dispatch.dispatchOf(orgId, run.id))?.status).toBe("dispatched");
  });
});
