import type { FastifyReply } from "fastify";
import type { AnswerForm } from "../../contract/decision-columns.js";
import { Decision } from "../../contract/selection.js";
import { LoopSlices } from "../loop-slices.js";
import { sendSliced } from "./sliced-reply.js";

interface DecisionLike {
  test_path: string;
  selected: boolean;
  confidence: number;
  reasons: readonly string[];
}

/** Items stringified at a time between looks at the clock. */
const CHUNK = 4_096;

/** `items` as a JSON array, stringified a chunk at a time so 100,000 items never hold the loop. */
async function jsonArray(items: readonly unknown[], slices: LoopSlices): Promise<string> {
  if (items.length <= CHUNK) return JSON.stringify(items);
  const pieces: string[] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    pieces.push(JSON.stringify(items.slice(start, start + CHUNK)).slice(1, -1));
    await slices.pause();
  }
  return `[${pieces.join(",")}]`;
}

/**
 * `decisions` as the JSON of `decision_columns` (contract/decision-columns.ts): paths, a "0"/"1"
 * string, confidences, each distinct reason once and each test's reasons as indexes.
 */
export async function decisionColumnsJson(decisions: readonly DecisionLike[]): Promise<string> {
  const slices = new LoopSlices();
  const n = decisions.length;
  const paths = new Array<string>(n);
  const selected = new Array<string>(n);
  const confidence = new Array<number>(n);
  const refs = new Array<number[]>(n);
  const reasonIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const d = decisions[i]!;
    paths[i] = d.test_path;
    selected[i] = d.selected ? "1" : "0";
    confidence[i] = d.confidence;
    const ref = new Array<number>(d.reasons.length);
    for (let r = 0; r < d.reasons.length; r++) {
      const reason = d.reasons[r]!;
      let at = reasonIndex.get(reason);
      if (at === undefined) {
        at = reasonIndex.size;
        reasonIndex.set(reason, at);
      }
      ref[r] = at;
    }
    refs[i] = ref;
    if ((i & 4095) === 4095) await slices.pause();
  }
  const pathsJson = await jsonArray(paths, slices);
  const confidenceJson = await jsonArray(confidence, slices);
  const tableJson = await jsonArray([...reasonIndex.keys()], slices);
  const refsJson = await jsonArray(refs, slices);
  return `{"test_path":${pathsJson},"selected":"${selected.join("")}","confidence":${confidenceJson},"reason_table":${tableJson},"reasons":${refsJson}}`;
}

/**
 * Sends an answer holding `decisions` in the form the request asked: as objects (sliced-reply.ts)
 * or as `decision_columns`, `decisions` left empty. The rest goes through the route's serializer
 * either way; the answer is a string, so an idempotent replay answers the same bytes. The status
 * code must be set first: it picks the response schema.
 */
export async function sendDecisions<T extends { decisions: readonly DecisionLike[] }>(
  reply: FastifyReply,
  body: T,
  form: AnswerForm | undefined,
): Promise<FastifyReply> {
  if (form !== "columns") return sendSliced(reply, body, "decisions", Decision);
  const columns = await decisionColumnsJson(body.decisions);
  const rest = reply.serialize({ ...body, decisions: [] }) as string;
  // The serialised rest is an object: its closing brace makes room for one more member.
  const json = `${rest.slice(0, -1)},"decision_columns":${columns}}`;
  return reply.type("application/json; charset=utf-8").send(json);
}
