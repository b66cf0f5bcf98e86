import type { FactsCache } from "../cache/facts-cache.js";
import type { FileFacts } from "../extract/types.js";
import { createParsePool } from "../parse/parse-pool.js";
import { factsKey, isParsedSource } from "../parse/source-kind.js";
import type { TreeEntry } from "../repo/git-tree.js";
import type { RevisionSource } from "../repo/revision-source.js";

export interface CollectStats {
  sources: number;
  cacheHits: number;
  parsed: number;
  bytesParsed: number;
}

export interface CollectOptions {
  cache: FactsCache;
  cores: number;
  onProgress?: (done: number, total: number) => void;
}

/** Blobs are read in chunks so a cold run never holds every source in memory at once. */
const READ_CHUNK = 2000;

/**
 * Facts for the given entries of a revision: from the cache by blob id, else read and parsed.
 */
export async function collectFacts(
  source: RevisionSource,
  entries: readonly TreeEntry[],
  options: CollectOptions,
): Promise<{ facts: Map<string, FileFacts>; stats: CollectStats }> {
  const facts = new Map<string, FileFacts>();
  const misses: TreeEntry[] = [];
  for (const entry of entries) {
    if (!isParsedSource(entry.path)) continue;
    const cached = options.cache.get(factsKey(entry.oid, entry.path));
    if (cached) facts.set(entry.path, cached);
    else misses.push(entry);
  }
  const stats: CollectStats = {
    sources: facts.size + misses.length,
    cacheHits: facts.size,
    parsed: 0,
    bytesParsed: 0,
  };
  if (misses.length === 0) return { facts, stats };
  const pool = createParsePool(misses.length, options.cores);
  try {
    for (let i = 0; i < misses.length; i += READ_CHUNK) {
      const chunk = misses.slice(i, i + READ_CHUNK);
      const contents = await source.read(chunk.map((e) => e.path));
      const files = chunk.flatMap((entry) => {
        const content = contents.get(entry.path);
        if (!content) return [];
        stats.bytesParsed += content.length;
        return [{ entry, source: content.toString("utf8") }];
      });
      const parsed = await pool.parse(files.map((f) => ({ path: f.entry.path, source: f.source })));
      parsed.forEach((result, index) => {
        const { entry } = files[index]!;
        facts.set(entry.path, result);
        options.cache.set(factsKey(entry.oid, entry.path), result);
      });
      stats.parsed += files.length;
      options.onProgress?.(Math.min(i + READ_CHUNK, misses.length), misses.length);
    }
  } finally {
    await pool.close();
  }
  return { facts, stats };
}
