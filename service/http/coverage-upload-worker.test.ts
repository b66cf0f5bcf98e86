import type { AddressInfo } from "node:net";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileBodyWorker } from "../../test/support/body-worker-script.js";
import { type Kit, makeKit, SHA } from "../../test/support/service-kit.js";
import { type BodyParsing, createBodyParsing } from "./body-parsing.js";

/**
 * A coverage upload parsed on a worker thread comes back encoded in its stored form
 * (storage/coverage-encoding.ts): the same records must be stored as when the main thread parses it.
 */

let worker: Awaited<ReturnType<typeof compileBodyWorker>>;
let bodies: BodyParsing;
let offThread: Server;
let inline: Server;

interface Server {
  kit: Kit;
  url: string;
}

async function serve(kit: Kit): Promise<Server> {
  await kit.app.listen({ port: 0, host: "127.0.0.1" });
  return { kit, url: `http://127.0.0.1:${(kit.app.server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  worker = await compileBodyWorker();
  bodies = createBodyParsing({ workerScript: worker.script, threshold: 0, workers: 1 });
  offThread = await serve(await makeKit({ bodies }));
  inline = await serve(await makeKit({ bodyParsing: { threshold: Number.POSITIVE_INFINITY } }));
}, 60_000);

afterAll(async () => {
  await offThread?.kit.close();
  await inline?.kit.close();
  await bodies?.close();
  worker?.remove();
});

async function send(server: Server, sent: { method?: "POST" | "PUT"; path: string; body: string }) {
  const response = await request(`${server.url}${sent.path}`, {
    method: sent.method ?? "POST",
    headers: { authorization: `Bearer ${server.kit.tokens.write}`, "content-type": "application/json" },
    body: sent.body,
  });
  return { status: response.statusCode, json: (await response.body.json()) as Record<string, unknown> };
}

/** The same request to both servers; their repos differ, so `path` is per server. */
async function both(make: (server: Server) => { method?: "PUT"; path: string; body: string }) {
  const before = bodies.offThreadJobs;
  const worked = await send(offThread, make(offThread));
  const jobs = bodies.offThreadJobs - before;
  const plain = await send(inline, make(inline));
  return { worked, plain, jobs };
}

describe("a coverage upload on a worker thread", () => {
  it("is stored as the inline parser stores it", async () => {
    const file = (f: number) => ({
      path: `src/m${f}.ts`,
      blob: "b".repeat(40),
      units: [0, f],
      // Dropped: an unknown key.
      ...(f % 2 === 0 ? { extra: 1 } : { read: true, order: f }),
    });
    const upload = {
      commit_sha: SHA,
      records: [
        { version: 2, test: "test/a.test.ts", files: [file(0), file(1)] },
        { version: 2, test: "test/b.test.ts", commit: "c".repeat(40), files: [file(2)], extra: true },
        // The last record of a test wins.
        { version: 2, test: "test/a.test.ts", files: [file(3)] },
      ],
    };
    const tests = ["test/a.test.ts", "test/b.test.ts"];
    const { worked, plain, jobs } = await both((server) => ({
      method: "PUT",
      path: `/v1/repos/${server.kit.repoId}/coverage`,
      body: JSON.stringify(upload),
    }));
    expect([jobs, worked.status, worked.json, plain.json]).toEqual([1, 200, { stored: 2 }, { stored: 2 }]);
    const query = (server: Server) =>
      send(server, {
        path: `/v1/repos/${server.kit.repoId}/coverage/query`,
        body: JSON.stringify({ tests }),
      });
    const read = (await query(offThread)).json;
    expect(read).toEqual((await query(inline)).json);
    expect(read.records).toEqual([
      {
        version: 2,
        test: "test/a.test.ts",
        commit: SHA,
        files: [{ path: "src/m3.ts", blob: "b".repeat(40), units: [0, 3], read: true, order: 3 }],
      },
      {
        version: 2,
        test: "test/b.test.ts",
        commit: "c".repeat(40),
        files: [{ path: "src/m2.ts", blob: "b".repeat(40), units: [0, 2] }],
      },
    ]);
  });
});
