import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { BodyAnswer, BodyJob } from "./body-work.js";

/** Runs body jobs (body-work.ts) on worker threads. */
export interface BodyPool {
  run(job: BodyJob): Promise<BodyAnswer>;
  /** Jobs the workers have finished, for tests and logs. */
  readonly done: number;
  close(): Promise<void>;
}

/**
 * Where the worker script sits: beside this module in build/ (tsc keeps the layout) and in
 * build/bundle/ (scripts/bundle-cli.ts makes it an entry point beside the chunks). Absent only
 * when running from the TypeScript sources (tests), which pass a compiled one or parse inline.
 */
export function defaultBodyWorkerScript(): string | undefined {
  if (!import.meta.url.endsWith(".js")) return undefined;
  const path = fileURLToPath(new URL("./body-worker.js", import.meta.url));
  // Built code without its worker is a packaging bug: say so at start, not by parsing inline.
  if (!existsSync(path)) throw new Error(`the body worker script is missing: ${path}`);
  return path;
}

/** One worker on two cores (the other serves requests), two from four up: a small fixed pool. */
export const defaultPoolSize = () => (availableParallelism() >= 4 ? 2 : 1);

interface Pending {
  id: number;
  job: BodyJob;
  resolve(answer: BodyAnswer): void;
  reject(error: Error): void;
}

interface Lane {
  worker: Worker;
  busy?: Pending;
}

/**
 * A fixed pool of `size` workers taking jobs in arrival order. A worker that dies (out of memory,
 * say) fails its job with an error, which the service answers 500, and is replaced.
 */
export function createBodyPool(script: string, size: number): BodyPool {
  const queue: Pending[] = [];
  let nextId = 0;
  let done = 0;
  let closing = false;
  const lanes: Lane[] = [];
  /** Set when a worker fails before it ever ran: starting another would fail the same way, in a loop. */
  let broken: Error | undefined;

  const start = (lane: Lane) => {
    // Not the process's own flags: run as `node -e <code>`, a worker would run that code too.
    const worker = new Worker(script, { execArgv: [] });
    /** Its script loaded: it says so (body-worker.ts), which `online` does not (that comes before). */
    let online = false;
    // An idle pool must not keep the process alive; the app closes it.
    worker.unref();
    lane.worker = worker;
    worker.on("message", (message: { id: number; answer: BodyAnswer } | { ready: true }) => {
      if ("ready" in message) {
        online = true;
        return;
      }
      const { id, answer } = message;
      const pending = lane.busy;
      if (!pending || pending.id !== id) return;
      lane.busy = undefined;
      done++;
      pending.resolve(answer);
      pump();
    });
    const fail = (error: Error) => {
      const pending = lane.busy;
      lane.busy = undefined;
      pending?.reject(new Error(`a body worker failed: ${error.message}`, { cause: error }));
      if (closing) return;
      worker.removeAllListeners();
      void worker.terminate();
      if (!online) {
        broken = new Error(`the body worker ${script} cannot start: ${error.message}`, { cause: error });
        for (const queued of queue.splice(0)) queued.reject(broken);
        return;
      }
      start(lane);
      pump();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (!closing && lane.worker === worker) fail(new Error(`exited with code ${code}`));
    });
  };

  const pump = () => {
    for (const lane of lanes) {
      if (lane.busy || queue.length === 0) continue;
      const pending = queue.shift()!;
      lane.busy = pending;
      const { job } = pending;
      const blocks = job.kind === "json" ? job.blocks : typeof job.xml === "string" ? [] : job.xml;
      const transfer = blocks.map((b) => b.buffer as ArrayBuffer);
      lane.worker.postMessage({ id: pending.id, job: pending.job }, transfer);
    }
  };

  for (let i = 0; i < size; i++) {
    const lane = {} as Lane;
    lanes.push(lane);
    start(lane);
  }

  return {
    run(job) {
      if (closing) return Promise.reject(new Error("the body pool is closed"));
      if (broken) return Promise.reject(broken);
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, job, resolve, reject });
        pump();
      });
    },
    get done() {
      return done;
    },
    async close() {
      closing = true;
      for (const pending of queue.splice(0)) pending.reject(new Error("the body pool is closed"));
      await Promise.all(lanes.map((lane) => lane.worker.terminate()));
    },
  };
}
