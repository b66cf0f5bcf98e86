import { parentPort } from "node:worker_threads";
import { type BodyAnswer, type BodyJob, doBodyJob } from "./body-work.js";
import { transferOf } from "./json-pieces.js";

function transferList(answer: BodyAnswer): ArrayBuffer[] {
  if (answer.ok && "json" in answer) return transferOf(answer.json);
  if (answer.ok && "coverage" in answer) return [answer.coverage.text.buffer as ArrayBuffer];
  return [];
}

/** One job a message, so a worker's event loop turns between them (body-pool.ts sends them). */
parentPort?.on("message", ({ id, job }: { id: number; job: BodyJob }) => {
  const answer = doBodyJob(job);
  // A JSON body's pieces, and an encoded coverage upload's texts, are bytes handed over, not copied.
  parentPort!.postMessage({ id, answer }, transferList(answer));
});
// Loaded: a worker that fails before this is not restarted (body-pool.ts).
parentPort?.postMessage({ ready: true });
