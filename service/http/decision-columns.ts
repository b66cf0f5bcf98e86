import type { FastifyReply } from "fastify";
import type { AnswerForm } from "../../contract/decision-columns.js";
import { Decision } from "../../contract/selection.js";
import { LoopSlices } from "../loop-slices.js";
import { ReasonIndex } from "../reason-index.js";
import { AnswerPieces } from "./answer-pieces.js";
import { sendSliced } from "./sliced-reply.js";

interface DecisionLike {
  test_path: string;
  selected: boolean;
  confidence: number;
  reasons: readonly string[];
}

/**
 * Items stringified at a time between looks at the clock: a few milliseconds of work. Smaller
 * chunks cost more than they save: each is sliced out of its brackets and joined again (a
 * 5,000-test answer took half again the CPU in chunks of 4,096).
 */
const CHUNK = 16_384;

/** `items` as a JSON array, stringified a chunk at a time so 100,000 items never hold the loop. */
async function jsonArray(items: readonly unknown[], slices: LoopSlices): Promise<string> {
  if (items.length <= CHUNK) return JSON.stringify(items);
  const pieces: string[] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    pieces.push(JSON.stringify(items.slice(start, start + CHUNK)).slice(1, -1));
    await slices.pause();
  }
  return ["[", pieces.join(","), "]"].join("");
}

/**
 * `decisions` as the JSON of `decision_columns` (contract/decision-columns.ts): paths, a "0"/"1"
 * string, confidences, each distinct reason once and each test's reasons as indexes. In pieces,
 * which joined are the JSON: a large answer's bytes are made piece by piece, never as one string.
 */
export async function decisionColumnPieces(decisions: readonly DecisionLike[]): Promise<string[]> {
  const slices = new LoopSlices();
  const n = decisions.length;
  // Filled by push, not `new Array(n)`: JSON.stringify takes its fast path only for arrays
  // without holes, and a preallocated array stays "holey" however it is filled (3 times slower).
  const paths: string[] = [];
  const selected: string[] = [];
  const confidence: number[] = [];
  const refs: number[][] = [];
  const reasonIndex = new ReasonIndex();
  for (let i = 0; i < n; i++) {
    const d = decisions[i]!;
    paths.push(d.test_path);
    selected.push(d.selected ? "1" : "0");
    confidence.push(d.confidence);
    refs.push(reasonIndex.refs(d.reasons));
    if ((i & 4095) === 4095) await slices.pause();
  }
  return [
    '{"test_path":',
    await jsonArray(paths, slices),
    ',"selected":"',
    selected.join(""),
    '","confidence":',
    await jsonArray(confidence, slices),
    ',"reason_table":',
    await jsonArray(reasonIndex.table(), slices),
    ',"reasons":',
    await jsonArray(refs, slices),
    "}",
  ];
}

/** Answers of fewer tests go out as one string; larger ones as their pieces' bytes (answer-pieces.ts). */
const PIECES_FROM = 2_000;

/**
 * Sends an answer holding `decisions` in the form the request asked: as objects (sliced-reply.ts)
 * or as `decision_columns`, `decisions` left empty. The rest goes through the route's serializer
 * either way. The status code must be set first: it picks the response schema. `written`: the
 * decisions' columns as storing them wrote them (Storage.createRun's `decisionColumns`), when it did.
 */
export async function sendDecisions<T extends { decisions: readonly DecisionLike[] }>(
  reply: FastifyReply,
  body: T,
  form: AnswerForm | undefined,
  written?: readonly string[],
): Promise<FastifyReply> {
  if (form !== "columns") return sendSliced(reply, body, "decisions", Decision);
  const columns = written ?? (await decisionColumnPieces(body.decisions));
  const rest = reply.serialize({ ...body, decisions: [] }) as string;
  // The serialised rest is an object: its closing brace makes room for one more member.
  const pieces = [rest.slice(0, -1), ',"decision_columns":', ...columns, "}"];
  reply.type("application/json; charset=utf-8");
  if (body.decisions.length < PIECES_FROM) return reply.send(pieces.join(""));
  // Each piece to bytes as it is: joined first, the half-megabyte answer of 5,000 tests was copied
  // once more as a string (an idempotent replay still answers the same bytes: idempotency.ts).
  const answer = new AnswerPieces(pieces.map((piece) => Buffer.from(piece)));
  return reply.header("content-length", answer.byteLength).send(answer);
}
