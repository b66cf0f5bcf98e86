import { parentPort } from "node:worker_threads";
import { type BodyJob, doBodyJob } from "./body-work.js";
import { transferOf } from "./json-pieces.js";

/** One job a message, so a worker's event loop turns between them (body-pool.ts sends them). */
parentPort?.on("message", ({ id, job }: { id: number; job: BodyJob }) => {
  const answer = doBodyJob(job);
  // A JSON body's pieces are bytes handed over, not copied (json-pieces.ts).
  parentPort!.postMessage({ id, answer }, answer.ok && "json" in answer ? transferOf(answer.json) : []);
});
// Loaded: a worker that fails before this is not restarted (body-pool.ts).
parentPort?.postMessage({ ready: true });
