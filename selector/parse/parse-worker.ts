import { parentPort, workerData } from "node:worker_threads";
import { extractFacts } from "../extract/extract-facts.js";
import { loadParser, useParserBackend } from "../extract/parser.js";
import type { BackendSpec } from "../extract/syntax-tree.js";
import type { FileFacts } from "../extract/types.js";

export interface ParseRequest {
  id: number;
  files: { path: string; source: string }[];
}
export interface ParseResponse {
  id: number;
  facts: FileFacts[];
}

// The pool passes the backend its own thread uses; WASM loads asynchronously, so every request
// waits for it (messages arriving before then queue on the promise).
const ready = workerData ? useParserBackend(workerData as BackendSpec) : loadParser();

// Each batch is one message, so the worker's event loop turns between batches.
parentPort?.on("message", async (request: ParseRequest) => {
  await ready;
  const facts = request.files.map((file) => extractFacts(file.path, file.source));
  parentPort!.postMessage({ id: request.id, facts } satisfies ParseResponse);
});
