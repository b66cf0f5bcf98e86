import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { extractFacts } from "../extract/extract-facts.js";
import { parserBackendSpec } from "../extract/parser.js";
import type { FileFacts } from "../extract/types.js";
import type { ParseRequest, ParseResponse } from "./parse-worker.js";

export interface SourceFile {
  path: string;
  source: string;
}

export interface ParsePool {
  parse(files: SourceFile[]): Promise<FileFacts[]>;
  close(): Promise<void>;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const BATCH = 50;

/** Parses on this thread in batches, turning the event loop so native trees are freed. */
function inProcessPool(): ParsePool {
  return {
    async parse(files) {
      const out: FileFacts[] = [];
      for (let i = 0; i < files.length; i += BATCH) {
        for (const file of files.slice(i, i + BATCH)) out.push(extractFacts(file.path, file.source));
        await yieldToLoop();
      }
      return out;
    },
    close: async () => {},
  };
}

/** The compiled worker script; absent when running from TypeScript sources (tests). */
function workerScript(): string | undefined {
  const url = new URL("./parse-worker.js", import.meta.url);
  const path = fileURLToPath(url);
  return import.meta.url.endsWith(".js") && existsSync(path) ? path : undefined;
}

function workerPool(script: string, size: number): ParsePool {
  // Each worker loads the parser this thread uses (native addon or WASM, from the same files).
  const workerData = parserBackendSpec();
  const workers = Array.from({ length: size }, () => new Worker(script, { workerData }));
  let nextId = 0;
  const send = (worker: Worker, files: SourceFile[]) =>
    new Promise<FileFacts[]>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (response: ParseResponse) => {
        if (response.id !== id) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(response.facts);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.postMessage({ id, files } satisfies ParseRequest);
    });
  return {
    async parse(files) {
      const out: FileFacts[] = new Array(files.length);
      let cursor = 0;
      // Each worker pulls the next batch when done, so uneven files balance out.
      const lane = async (worker: Worker) => {
        while (cursor < files.length) {
          const start = cursor;
          cursor += BATCH;
          const facts = await send(worker, files.slice(start, start + BATCH));
          facts.forEach((f, i) => {
            out[start + i] = f;
          });
        }
      };
      await Promise.all(workers.map(lane));
      return out;
    },
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * Worker threads pay off only on many files: below `minFiles`, or with one core, parse here.
 */
export function createParsePool(fileCount: number, cores: number, minFiles = 100): ParsePool {
  const script = workerScript();
  if (!script || cores < 2 || fileCount < minFiles) return inProcessPool();
  return workerPool(script, Math.min(cores, 4));
}
