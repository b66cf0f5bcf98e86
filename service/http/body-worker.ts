import { parentPort } from "node:worker_threads";
import { type BodyJob, doBodyJob } from "./body-work.js";

/** One job a message, so a worker's event loop turns between them (body-pool.ts sends them). */
parentPort?.on("message", ({ id, job }: { id: number; job: BodyJob }) => {
  parentPort!.postMessage({ id, answer: doBodyJob(job) });
});
// Loaded: a worker that fails before this is not restarted (body-pool.ts).
parentPort?.postMessage({ ready: true });
