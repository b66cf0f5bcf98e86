import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { FileFacts } from "../extract/types.js";

/**
 * Bump when extraction changes what it produces: old entries are then ignored, never misread.
 */
export const EXTRACTOR_VERSION = 3;

interface CacheFile {
  version: number;
  entries: Record<string, FileFacts>;
}

/**
 * Extracted facts on disk, keyed by git blob id (a content hash), so a warm run re-parses only
 * what changed. One JSON file: loading 10,000 entries is one read and one `JSON.parse`, several
 * times faster than V8's structured deserialisation of the same data.
 */
export class FactsCache {
  private entries = new Map<string, FileFacts>();
  private dirty = false;
  readonly used = new Set<string>();

  constructor(private readonly file: string | undefined) {}

  load(): { entries: number; error?: string } {
    if (!this.file) return { entries: 0 };
    try {
      const data = JSON.parse(readFileSync(this.file, "utf8")) as CacheFile;
      if (data.version === EXTRACTOR_VERSION && typeof data.entries === "object" && data.entries !== null) {
        this.entries = new Map(Object.entries(data.entries));
      }
      return { entries: this.entries.size };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A missing cache is the cold start; a corrupt one is rebuilt, never trusted.
      return code === "ENOENT" ? { entries: 0 } : { entries: 0, error: String(error) };
    }
  }

  get(key: string): FileFacts | undefined {
    const facts = this.entries.get(key);
    if (facts) this.used.add(key);
    return facts;
  }

  set(key: string, facts: FileFacts): void {
    this.entries.set(key, facts);
    this.used.add(key);
    this.dirty = true;
  }

  /** Writes entries used by this run and the newest others up to `limit`, atomically. */
  save(limit = 200_000): void {
    if (!this.file || !this.dirty) return;
    const kept: Record<string, FileFacts> = {};
    let size = 0;
    for (const key of this.used) {
      kept[key] = this.entries.get(key)!;
      size++;
    }
    for (const [key, facts] of [...this.entries].reverse()) {
      if (size >= limit) break;
      if (kept[key] === undefined) {
        kept[key] = facts;
        size++;
      }
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ version: EXTRACTOR_VERSION, entries: kept } satisfies CacheFile));
    renameSync(temp, this.file);
    this.dirty = false;
  }
}
