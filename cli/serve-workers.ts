import cluster, { type Worker } from "node:cluster";
import { EXIT } from "./exit-codes.js";

/**
 * `superplane serve --workers N`: N processes of the same server sharing one port (node:cluster:
 * the primary accepts and hands connections round-robin). One event loop serves a selection in
 * tens of milliseconds of CPU, so a node with two cores answers about twice as many with two.
 */

/** The environment variable that tells a worker its slot: 0 is the one that runs the poll loops. */
export const WORKER_SLOT = "SUPERPLANE_WORKER_SLOT";

/** What a worker sends its primary once it listens. */
export interface WorkerListening {
  superplaneListening: { url: string; where: string };
}

const isListening = (message: unknown): message is WorkerListening =>
  typeof message === "object" && message !== null && "superplaneListening" in message;

/** In a worker: how the server learns it is one, and which loops it runs. */
export function workerRole(): { worker: false } | { worker: true; slot: number } {
  if (!cluster.isWorker) return { worker: false };
  return { worker: true, slot: Number(process.env[WORKER_SLOT] ?? 0) };
}

/**
 * In a worker: resolves on the SIGTERM its primary sends. SIGINT is the primary's to act on (a
 * terminal's Ctrl-C reaches the whole process group), and a second SIGTERM (a supervisor that
 * signals every process of the group, then the primary forwarding) must not end the graceful
 * close the first one began, so the handlers stay.
 */
export function stopFromPrimary(): Promise<string> {
  process.on("SIGINT", () => {});
  return new Promise((resolve) => {
    process.on("SIGTERM", () => resolve("SIGTERM"));
  });
}

/** In a worker, once closed: the IPC channel to the primary is what would keep the process alive. */
export function leavePrimary(): void {
  if (cluster.isWorker) cluster.worker?.disconnect();
}

/** In a worker: tells the primary it listens at `url`. */
export function reportListening(url: string, where: string): void {
  const message: WorkerListening = { superplaneListening: { url, where } };
  process.send?.(message);
}

/**
 * The primary: starts `count` workers, says where they listen once all do, replaces a worker that
 * dies after it listened (same slot, so the poll loops live on), and on `stop` asks each to close
 * and waits for them. A worker that fails before it listens (a taken port, a wrong secret key)
 * would fail again: the others are stopped and its exit code returned.
 */
export async function superviseWorkers(
  count: number,
  log: (line: string) => void,
  stop: Promise<unknown>,
): Promise<number> {
  const slots = new Map<Worker, number>();
  const listened = new Set<Worker>();
  let stopping = false;
  let announced = false;
  let failed: (code: number) => void = () => {};
  const failure = new Promise<number>((resolve) => {
    failed = resolve;
  });

  const fork = (slot: number) => {
    const worker = cluster.fork({ [WORKER_SLOT]: String(slot) });
    slots.set(worker, slot);
    worker.on("message", (message: unknown) => {
      if (!isListening(message)) return;
      listened.add(worker);
      if (stopping || announced || listened.size < count) return;
      announced = true;
      const { url, where } = message.superplaneListening;
      log(`superplane: listening on ${url} (${where}, ${count} worker processes)`);
    });
    worker.on("exit", (code, signal) => {
      slots.delete(worker);
      if (stopping) return;
      if (!listened.has(worker)) {
        failed(code || EXIT.internal);
        return;
      }
      listened.delete(worker);
      log(`superplane: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
      fork(slot);
    });
  };

  for (let slot = 0; slot < count; slot++) fork(slot);
  const outcome = await Promise.race([
    stop.then((reason) => ({ reason })),
    failure.then((code) => ({ code })),
  ]);
  stopping = true;
  if ("reason" in outcome)
    log(`superplane: ${typeof outcome.reason === "string" ? outcome.reason : "stop"} received, closing`);
  await Promise.all(
    [...slots.keys()].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once("exit", () => resolve());
          // The signal, not cluster's disconnect: the worker closes as a lone server does.
          worker.process.kill("SIGTERM");
        }),
    ),
  );
  return "code" in outcome ? outcome.code : EXIT.ok;
}
