import { Type } from "@sinclair/typebox";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sendSliced } from "./sliced-reply.js";

const Item = Type.Object({ name: Type.String(), n: Type.Number() });
const Answer = Type.Object({
  before: Type.String(),
  items: Type.Array(Item),
  after: Type.Array(Type.String()),
});

let app: FastifyInstance | undefined;
afterEach(() => app?.close());

async function answerOf(count: number) {
  const server = Fastify();
  app = server;
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
});
