import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBodyBlocks } from "./body-blocks.js";

const MiB = 1024 * 1024;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  app = Fastify({ bodyLimit: 8 * MiB });
  app.addContentTypeParser(
    "application/octet-stream",
    async (req: FastifyRequest, payload: IncomingMessage) => readBodyBlocks(req, payload, 8 * MiB),
  );
  app.post("/", async (req) => {
    const blocks = req.body as Buffer[];
    return {
      sizes: blocks.map((b) => b.length),
      own: blocks.every((b) => b.byteOffset === 0),
      distinct: new Set(blocks.map((b) => b.buffer)).size,
      sum: blocks.reduce((s, b) => s + b.reduce((a, x) => a + x, 0), 0),
    };
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
});
afterAll(() => app.close());

/** A Buffer goes with its Content-Length; chunks as a stream, chunked, their length unknown. */
const post = (body: Buffer | Buffer[]) =>
  request(url, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: Array.isArray(body) ? Readable.from(body) : body,
  });

describe("readBodyBlocks", () => {
  it("gathers a body into blocks of at most 1 MiB, each its own ArrayBuffer, every byte kept", async () => {
    const body = Buffer.alloc(3.5 * MiB, 0);
    for (let i = 0; i < body.length; i++) body[i] = i % 251;
    const response = await post(body);
    const answer = (await response.body.json()) as {
      sizes: number[];
      own: boolean;
      distinct: number;
      sum: number;
    };
    expect(answer).toEqual({
      sizes: [MiB, MiB, MiB, MiB / 2],
      own: true,
      distinct: 4,
      sum: body.reduce((a, x) => a + x, 0),
    });
  });

  it("gathers a body of unknown length (chunked) the same way", async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const response = await post(chunks);
    const answer = (await response.body.json()) as { sizes: number[]; sum: number };
    expect(answer.sizes.reduce((a, b) => a + b, 0)).toBe(40 * 64 * 1024);
    expect(Math.max(...answer.sizes)).toBeLessThanOrEqual(MiB);
    expect(answer.sum).toBe(chunks.reduce((s, c) => s + c[0]! * c.length, 0));
  });

  it("refuses a body past the limit as Fastify does, by its declared length or as it arrives", async () => {
    const declared = await post(Buffer.alloc(9 * MiB));
    expect(declared.statusCode).toBe(413);
    await declared.body.dump();
    const streamed = await post(Array.from({ length: 9 }, () => Buffer.alloc(MiB)));
    expect(streamed.statusCode).toBe(413);
    await streamed.body.dump();
  });
});
