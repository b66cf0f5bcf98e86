import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { Agent, request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { SHA, selectionBody } from "../../test/support/service-kit.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import { openStorage } from "../storage/kysely-storage.js";
import type { Storage } from "../storage/storage.js";

/** A test no change reaches: the cold-start model skips it. */
const UNREACHED = selectionBody("").tests[1]!.features;

let app: FastifyInstance | undefined;
let storage: Storage | undefined;
/** Its own connections, closed before the server, which would otherwise wait for them. */
let agent: Agent | undefined;

afterEach(async () => {
  await agent?.close();
  await app?.close();
  await storage?.close();
  app = storage = agent = undefined;
});

/** What happened, in the order the one thread saw it. */
type Event = "decided from" | "stored" | "health" | "answered";

/**
 * The storage with its first read of a selection (the repository, once the body is parsed) and
 * the run's commit logged: the work between the two is the request's own, after parsing.
 */
function logged(inner: Storage, events: Event[]): Storage {
  return new Proxy(inner, {
    get(target, name) {
      const value = Reflect.get(target, name, target) as unknown;
      if (typeof value !== "function") return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (name === "getRepo")
        return (...args: unknown[]) => {
          events.push("decided from");
          return method(...args);
        };
      if (name === "createRun")
        return async (...args: unknown[]) => {
          const run = await method(...args);
          events.push("stored");
          return run;
        };
      return method;
    },
  });
}

describe("a large selection on SQLite", () => {
  it("lets health answer while it decides, encodes and stores, not only before or after", async () => {
    const events: Event[] = [];
    storage = await openStorage({ url: ":memory:" });
    const now = new Date();
    const org = await storage.ensureOrganization("acme", now);
    const repo = await storage.connectRepo(org.id, "acme/web", now);
    const minted = mintToken();
    await storage.createToken(org.id, "read+write", minted.hash, now);
    // Parsed inline: the parse is one step either way, and this is about what comes after it.
    app = await buildApp({
      storage: logged(storage, events),
      bodyParsing: { threshold: Number.POSITIVE_INFINITY },
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const body = JSON.stringify({
      repo_id: repo.id,
      commit_sha: SHA,
      changed_files: [{ path: "src/m.ts", status: "modified" }],
      tests: Array.from({ length: 40_000 }, (_, i) => ({
        path: `t/${i % 20}/u${i}.test.ts`,
        features: UNREACHED,
      })),
    });
    agent = new Agent();
    const dispatcher = agent;
    let done = false;
    const selection = request(`${url}/v1/selection`, {
      method: "POST",
      headers: { authorization: `Bearer ${minted.token}`, "content-type": "application/json" },
      body,
      dispatcher,
    }).then(async (response) => {
      const answer = (await response.body.json()) as { decisions: Record<string, unknown>[] };
      events.push("answered");
      done = true;
      return { status: response.statusCode, decisions: answer.decisions };
    });
    while (!done) {
      const health = await request(`${url}/v1/health`, { dispatcher });
      await health.body.dump();
      if (!done) events.push("health");
    }
    const { status, decisions } = await selection;
    expect(status).toBe(200);
    // Serialised a slice at a time (http/sliced-reply.ts), as the schema has it: no features.
    expect(decisions).toHaveLength(40_000);
    expect(Object.keys(decisions[39_999]!).sort()).toEqual([
      "confidence",
      "reasons",
      "selected",
      "test_path",
    ]);
    const from = events.indexOf("decided from");
    const stored = events.indexOf("stored");
    expect(from).toBeGreaterThanOrEqual(0);
    expect(stored).toBeGreaterThan(from);
    // Done in one go, as it was, the whole of it fell between two health answers.
    const between = events.slice(from, stored).filter((event) => event === "health");
    expect(between.length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
