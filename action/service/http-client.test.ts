import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Type } from "@sinclair/typebox";
import { afterEach, describe, expect, it } from "vitest";
import { HttpClient } from "./http-client.js";
import { ServiceError } from "./service-error.js";

/** A real server on 127.0.0.1 answering from a script, one answer a request; it records what it got. */
interface Scripted {
  url: string;
  seen: { method: string; url: string; authorization: string; body: string; idempotencyKey?: string }[];
}
type Answer = (response: ServerResponse) => void;

let server: Server | undefined;
afterEach(async () => {
  if (!server) return;
  const closing = server;
  server = undefined;
  closing.closeAllConnections();
  await new Promise((resolve) => closing.close(resolve));
});

async function serve(answers: Answer[]): Promise<Scripted> {
  const seen: Scripted["seen"] = [];
  server = createServer((request: IncomingMessage, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      seen.push({
        method: request.method ?? "",
        url: request.url ?? "",
        authorization: request.headers.authorization ?? "",
        body,
        ...(request.headers["idempotency-key"]
          ? { idempotencyKey: String(request.headers["idempotency-key"]) }
          : {}),
      });
      const answer = answers.shift();
      if (answer) answer(response);
      // No answer left: never respond (the client's time limit is under test).
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`, seen };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (response) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  };

const Health = Type.Object({ ok: Type.Boolean() });

function client(url: string, waits: number[], options: { timeoutMs?: number; attempts?: number } = {}) {
  return new HttpClient({
    baseUrl: url,
    token: "spl_tok_test",
    timeoutMs: options.timeoutMs ?? 5_000,
    retry: { attempts: options.attempts ?? 4, baseDelayMs: 500, maxDelayMs: 20_000 },
    // Records the back-off instead of sleeping it.
    wait: async (ms) => {
      waits.push(ms);
    },
  });
}

describe("HttpClient against a real server", () => {
  it("sends the token and body, and retries 5xx with exponential back-off", async () => {
    const { url, seen } = await serve([json(503, {}), json(502, {}), json(200, { ok: true })]);
    const waits: number[] = [];
    const http = client(url, waits);
    const value = await http.call({
      method: "POST",
      path: "/selection",
      body: { type: "application/json", data: '{"a":1}' },
      schema: Health,
    });
    await http.close();
    expect(value).toEqual({ ok: true });
    expect(waits).toEqual([500, 1000]);
    expect(seen).toHaveLength(3);
    expect(seen[0]).toEqual({
      method: "POST",
      url: "/v1/selection",
      authorization: "Bearer spl_tok_test",
      body: '{"a":1}',
    });
  });

  it("sends the same Idempotency-Key on every attempt of a call", async () => {
    const { url, seen } = await serve([json(503, {}), json(200, { ok: true })]);
    const http = client(url, []);
    const call = {
      method: "POST" as const,
      path: "/runs",
      schema: Health,
      idempotencyKey: "superplane:1.1.t.r:ab",
    };
    expect(await http.call({ ...call, body: { type: "application/json", data: "{}" } })).toEqual({
      ok: true,
    });
    await http.close();
    expect(seen.map((s) => s.idempotencyKey)).toEqual(["superplane:1.1.t.r:ab", "superplane:1.1.t.r:ab"]);
  });

  it("waits as long as a 429's Retry-After says", async () => {
    const limited = json(
      429,
      { error: { code: "RATE_LIMITED", message: "slow down" } },
      { "retry-after": "3" },
    );
    const { url } = await serve([limited, json(200, { ok: true })]);
    const waits: number[] = [];
    const http = client(url, waits);
    expect(await http.call({ method: "GET", path: "/health", schema: Health })).toEqual({ ok: true });
    await http.close();
    expect(waits).toEqual([3000]);
  });

  it("does not retry a final answer, and names the service's code and message", async () => {
    const { url, seen } = await serve([json(422, { error: { code: "POLICY_INVALID", message: "bad key" } })]);
    const waits: number[] = [];
    const http = client(url, waits);
    const failure = http.call({ method: "GET", path: "/health", schema: Health });
    await expect(failure).rejects.toMatchObject({
      code: "POLICY_INVALID",
      status: 422,
      message: `the SuperPlane service (GET ${url}/health) answered 422 POLICY_INVALID: bad key`,
    });
    await http.close();
    expect([seen.length, waits]).toEqual([1, []]);
  });

  it("knows the service's CONFLICT and UNAVAILABLE codes, retrying UNAVAILABLE after its Retry-After", async () => {
    const unavailable = json(
      503,
      { error: { code: "UNAVAILABLE", message: "the database is unavailable; retry later" } },
      { "retry-after": "1" },
    );
    const conflict = json(409, { error: { code: "CONFLICT", message: "key reused" } });
    const { url } = await serve([unavailable, unavailable, conflict]);
    const waits: number[] = [];
    const http = client(url, waits, { attempts: 2 });
    await expect(http.call({ method: "GET", path: "/health", schema: Health })).rejects.toMatchObject({
      code: "UNAVAILABLE",
      status: 503,
    });
    await expect(http.call({ method: "GET", path: "/health", schema: Health })).rejects.toMatchObject({
      code: "CONFLICT",
      status: 409,
    });
    await http.close();
    expect(waits).toEqual([1000]);
  });

  it("refuses an answer of the wrong shape", async () => {
    const { url } = await serve([json(200, { ok: "yes" })]);
    const http = client(url, []);
    await expect(http.call({ method: "GET", path: "/health", schema: Health })).rejects.toMatchObject({
      code: "BAD_RESPONSE",
      message: expect.stringContaining("answered an unexpected ok"),
    });
    await http.close();
  });

  it("names the field of a nested answer that does not fit", async () => {
    const Runs = Type.Object({ runs: Type.Array(Type.Object({ id: Type.String() })) });
    const { url } = await serve([json(200, { runs: [{ id: "r1" }, { id: 7 }] })]);
    const http = client(url, []);
    await expect(http.call({ method: "GET", path: "/runs", schema: Runs })).rejects.toMatchObject({
      code: "BAD_RESPONSE",
      message: `the SuperPlane service (GET ${url}/runs) answered an unexpected runs.1.id: Expected string`,
    });
    await http.close();
  });

  it("shows the message of an error code newer than the action, as INTERNAL", async () => {
    const { url } = await serve([json(418, { error: { code: "TEAPOT", message: "short and stout" } })]);
    const http = client(url, [], { attempts: 1 });
    await expect(http.call({ method: "GET", path: "/health", schema: Health })).rejects.toMatchObject({
      code: "INTERNAL",
      message: `the SuperPlane service (GET ${url}/health) answered 418 TEAPOT: short and stout`,
    });
    await http.close();
  });

  it("gives up on an unreachable service after its attempts, saying so", async () => {
    const { url } = await serve([]);
    const closing = server!;
    server = undefined;
    await new Promise((resolve) => closing.close(resolve));
    const waits: number[] = [];
    const http = client(url, waits);
    const failure = await http.call({ method: "GET", path: "/health", schema: Health }).catch((e) => e);
    await http.close();
    expect(failure).toBeInstanceOf(ServiceError);
    expect(failure.code).toBe("UNREACHABLE");
    expect(failure.message).toMatch(/is unreachable: .*ECONNREFUSED.*\(after 4 attempts\)$/);
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it("stops waiting for an answer at its time limit", async () => {
    const { url } = await serve([]);
    const http = client(url, [], { timeoutMs: 200, attempts: 1 });
    await expect(http.call({ method: "GET", path: "/health", schema: Health })).rejects.toMatchObject({
      code: "TIMEOUT",
      message: `the SuperPlane service (GET ${url}/health) did not answer within 0.2 s`,
    });
    await http.close();
  });
});
