import type { TSchema } from "@sinclair/typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import { mapInSlices } from "../loop-slices.js";
import { AnswerPieces } from "./answer-pieces.js";

/** Below this many items the answer is serialised in one go, as any other. */
const SLICED_FROM = 2_000;

/** Each item schema's array schema, made once, so Fastify compiles its serializer once per route. */
const arraySchemas = new WeakMap<TSchema, TSchema>();

function arrayOf(item: TSchema): TSchema {
  let schema = arraySchemas.get(item);
  if (!schema) {
    schema = Type.Array(item);
    arraySchemas.set(item, schema);
  }
  return schema;
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
  const serializeItems = reply.compileSerializationSchema(arrayOf(itemSchema)) as (items: unknown) => string;
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
