import type { TSchema } from "@sinclair/typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import { mapInSlices } from "../loop-slices.js";
import { AnswerPieces } from "./answer-pieces.js";

/** Below this many items the answer is serialised in one go, as any other. */
const SLICED_FROM = 2_000;

/**
 * Each item schema's array serializer, compiled once for the process: Fastify caches it per route,
 * so the first large answer of each route compiled it again (40-80 ms of the event loop at load).
 * Every route uses the app's one serializer compiler, whose output depends only on the schema.
 */
const arraySerializers = new WeakMap<TSchema, (items: unknown) => string>();

function arraySerializer(reply: FastifyReply, item: TSchema): (items: unknown) => string {
  let serialize = arraySerializers.get(item);
  if (!serialize) {
    serialize = reply.compileSerializationSchema(Type.Array(item)) as (items: unknown) => string;
    arraySerializers.set(item, serialize);
  }
  return serialize;
}

/**
 * Sends `body`, whose array `key` may hold 100,000 items (a selection's decisions), serialised by
 * the route's response schema as usual, but the array a slice at a time with its item schema's
 * serializer, giving the event loop a turn between slices. In one go the 100,000 decisions took
 * half a second to serialise (and ten times less in slices: one ever-growing string is what cost).
 * The answer goes out as those slices' bytes, piece by piece (answer-pieces.ts), with its length.
 * The status code must be set first: it picks the response schema.
 */
export async function sendSliced<T extends Record<K, readonly unknown[]>, K extends string>(
  reply: FastifyReply,
  body: T,
  key: K,
  itemSchema: TSchema,
): Promise<FastifyReply> {
  const items = body[key];
  if (items.length < SLICED_FROM) return reply.send(body);
  const serializeItems = arraySerializer(reply, itemSchema);
  // Each slice's text is turned into bytes at once, while it is small and flat.
  const pieces = await mapInSlices(items, (slice, start) => {
    const text = serializeItems(slice).slice(1, -1);
    return [Buffer.from(start === 0 ? text : `,${text}`)];
  });
  // The rest by the route's own schema, the array left empty: `"key":[]` can occur only there,
  // since a quote inside a JSON string is always escaped.
  const rest = reply.serialize({ ...body, [key]: [] }) as string;
  const empty = `${JSON.stringify(key)}:[]`;
  const at = rest.indexOf(empty);
  if (at === -1) throw new Error(`the answer's schema has no array ${key}`);
  const answer = new AnswerPieces([
    Buffer.from(rest.slice(0, at + empty.length - 1)),
    ...pieces,
    Buffer.from(rest.slice(at + empty.length - 1)),
  ]);
  return reply
    .type("application/json; charset=utf-8")
    .header("content-length", answer.byteLength)
    .send(answer);
}
