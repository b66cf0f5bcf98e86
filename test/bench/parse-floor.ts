import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);

/**
 * The floor the graph build is measured against: read every source file and parse it with
 * tree-sitter, nothing else (no queries, no resolution), on one thread.
 */
export async function parseFloor(
  dir: string,
  paths: readonly string[],
): Promise<{ ms: number; bytes: number }> {
  const Parser = require("tree-sitter");
  const languages = require("tree-sitter-typescript");
  const ts = new Parser();
  ts.setLanguage(languages.typescript);
  const tsx = new Parser();
  tsx.setLanguage(languages.tsx);
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i]!;
    const text = await readFile(join(dir, path), "utf8");
    bytes += Buffer.byteLength(text);
    (/\.(?:tsx|[cm]?jsx?)$/.test(path) ? tsx : ts).parse(text);
    // Let native trees be freed, as the real build does.
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  return { ms: performance.now() - started, bytes };
}
