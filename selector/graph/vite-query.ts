/** Vite's queries that hand the importer the file's content instead of running it. */
const READS_TEXT = /\?(?:.*&)?(?:raw|inline)(?:[&=]|$)/;
/** `?worker&inline` still runs the module, its imports bundled in: the worker's code, not text. */
const RUNS_WORKER = /\?(?:.*&)?(?:worker|sharedworker)(?:[&=]|$)/;

/** True when an import's query (`?raw`, `?inline`) reads the target's bytes, not its module. */
export function readsText(query: string): boolean {
  return READS_TEXT.test(query) && !RUNS_WORKER.test(query);
}
