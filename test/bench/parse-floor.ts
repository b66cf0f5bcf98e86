import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadParser, withTree } from "../../selector/extract/parser.js";

/**
 * The floor the graph build is measured against: read every source file and parse it with
 * tree-sitter, nothing else (no queries, no resolution), on one thread.
 */
export async function parseFloor(
  dir: string,
  paths: readonly string[],
): Promise<{ ms: number; bytes: number }> {
  await loadParser();
  const started = performance.now();
  let bytes = 0;
  for (const path of paths) {
    const text = await readFile(join(dir, path), "utf8");
    bytes += Buffer.byteLength(text);
    withTree(text, /\.(?:tsx|[cm]?jsx?)$/.test(path) ? "tsx" : "typescript", () => undefined);
  }
  return { ms: performance.now() - started, bytes };
}
