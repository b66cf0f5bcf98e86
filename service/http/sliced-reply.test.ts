import { Type } from "@sinclair/typebox";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { AnswerPieces } from "./answer-pieces.js";
import { sendSliced } from "./sliced-reply.js";

const Item = Type.Object({ name: Type.String(), n: Type.Number() });
const Answer = Type.Object({
  before: Type.String(),
  items: Type.Array(Item),
  after: Type.Array(Type.String()),
});

let app: FastifyInstance | undefined;
afterEach(() => app?.close());

/** What the onSend hooks were handed, per answer. */
let sent: unknown[] = [];

async function answerOf(count: number) {
  const server = Fastify();
  app = server;
  sent = [];
  server.addHook("onSend", async (_request, _reply, payload) => {
    sent.push(payload);
    return payload;
  });
  server.get("/", { schema: { response: { 201: Answer } } }, async (_request, reply) => {
    const items = Array.from({ length: count }, (_, i) => ({ name: `"items":[] ${i}`, n: i, secret: "x" }));
    return sendSliced(
      reply.code(201),
      { before: '"items":[]', items, after: ["z"], secret: 1 },
      "items",
      Item,
    );
  });
  return server.inject({ url: "/" });
}

describe("sendSliced", () => {
  it("answers as the route's schema would, a large array included, dropping what the schema does not name", async () => {
    for (const count of [3, 2_500]) {
      const response = await answerOf(count);
      expect(response.statusCode).toBe(201);
      expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(response.json()).toEqual({
        // The array's own text inside a string does not fool the splice.
        before: '"items":[]',
        items: Array.from({ length: count }, (_, i) => ({ name: `"items":[] ${i}`, n: i })),
        after: ["z"],
      });
      await app?.close();
      app = undefined;
    }
  });

  it("sends a large answer as pieces of bytes with its length, a piece per slice, never one string", async () => {
    const response = await answerOf(2_500);
    const [payload] = sent;
    expect(payload).toBeInstanceOf(AnswerPieces);
    const pieces = (payload as AnswerPieces).pieces;
    // The text before the array, five slices of 512 items at most, the text after it.
    expect(pieces.length).toBe(7);
    expect(pieces.every((piece) => Buffer.isBuffer(piece))).toBe(true);
    expect(Buffer.concat(pieces).toString()).toBe(response.body);
    expect(response.headers["content-length"]).toBe(String(Buffer.byteLength(response.body)));
    expect(response.json().items).toHaveLength(2_500);
  });

  it("sends a small answer as the route would, one string", async () => {
    await answerOf(3);
    expect(typeof sent[0]).toBe("string");
  });

  it("compiles an item schema's serializer once for every route, not once a route", async () => {
    const Row = Type.Object({ id: Type.Integer() });
    const server = Fastify();
    app = server;
    let compiled = 0;
    server.setSerializerCompiler(({ schema }) => {
      if ((schema as { type?: string }).type === "array") compiled++;
      return (data) => JSON.stringify(data);
    });
    const rows = Array.from({ length: 2_500 }, (_, id) => ({ id }));
    for (const url of ["/a", "/b"]) {
      server.get(
        url,
        { schema: { response: { 200: Type.Object({ rows: Type.Array(Row) }) } } },
        (_q, reply) => sendSliced(reply.code(200), { rows }, "rows", Row),
      );
    }
    for (const url of ["/a", "/b", "/a"])
      expect((await server.inject({ url })).json().rows).toHaveLength(2_500);
    expect(compiled).toBe(1);
  });
});
