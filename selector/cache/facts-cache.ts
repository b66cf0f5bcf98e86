import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { FileFacts } from "../extract/types.js";
import { decodeBaseFile, encodeBaseFile } from "./base-file.js";
import { type CachedEntry, declarationsText, decodeEntry, encodeEntry } from "./lazy-facts.js";

/**
 * Bump when extraction changes what it produces, or the file layout changes: old entries are then
 * ignored, never misread.
 */
export const EXTRACTOR_VERSION = 25;

interface LogLine {
  v: number;
  k: string;
  e: CachedEntry & { declarations: string };
}

export interface LoadResult {
  entries: number;
  error?: string;
}

/** The cache's files as read: their contents, undefined when absent, or the error that kept them unread. */
export interface CacheFiles {
  base?: Buffer | Error;
  log?: string | Error;
}

const absent = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

function readSync<T>(read: () => T): T | Error | undefined {
  try {
    return read();
  } catch (error) {
    return absent(error) ? undefined : (error as Error);
  }
}

async function readAsync<T>(read: () => Promise<T>): Promise<T | Error | undefined> {
  try {
    return await read();
  } catch (error) {
    return absent(error) ? undefined : (error as Error);
  }
}

/** Appending stops paying once the log is this large a share of the base file. */
const LOG_SHARE = 0.25;
const LOG_FLOOR = 500;

/**
 * Extracted facts on disk, keyed by git blob id (a content hash), so a warm run re-parses only
 * what changed. A base file (`facts.json`: one line of JSON, one `JSON.parse`, several times faster
 * than V8's structured deserialisation, then every file's declarations as bytes: base-file.ts)
 * plus an append-only log of entries added since (`facts.json.log`, one JSON line each): a warm
 * run after a small change appends a few lines instead of rewriting megabytes, and the log is
 * folded into the base once it grows. Declarations, two thirds of the data, are parsed only when
 * a selection looks at that file.
 */
export class FactsCache {
  private entries: Map<string, CachedEntry | FileFacts> = new Map();
  private added: string[] = [];
  private logLines = 0;
  private baseEntries = 0;
  readonly used = new Set<string>();

  constructor(private readonly file: string | undefined) {}

  private get logFile(): string {
    return `${this.file}.log`;
  }

  /** Reads and parses the cache; a missing one is empty, a corrupt one is reported and ignored. */
  load(): LoadResult {
    if (!this.file) return { entries: 0 };
    const file = this.file;
    const log = this.logFile;
    return this.take({
      base: readSync(() => readFileSync(file)),
      log: readSync(() => readFileSync(log, "utf8")),
    });
  }

  /**
   * Reads the cache files without parsing them. The read runs off the main thread, so git's
   * processes keep being answered meanwhile; `take` parses once they are done.
   */
  async read(): Promise<CacheFiles> {
    if (!this.file) return {};
    const file = this.file;
    const [base, log] = await Promise.all([
      readAsync(() => readFile(file)),
      readAsync(() => readFile(this.logFile, "utf8")),
    ]);
    return { base, log };
  }

  /** Takes in what `read` returned. */
  take(files: CacheFiles): LoadResult {
    let error: string | undefined;
    try {
      if (files.base instanceof Error) throw files.base;
      if (files.base !== undefined) this.takeBase(files.base);
    } catch (caught) {
      // A missing cache is the cold start; a corrupt one is rebuilt, never trusted.
      error = String(caught);
    }
    if (typeof files.log === "string") this.takeLog(files.log);
    return error ? { entries: this.entries.size, error } : { entries: this.entries.size };
  }

  private takeBase(file: Buffer): void {
    this.entries = decodeBaseFile(EXTRACTOR_VERSION, file);
    this.baseEntries = this.entries.size;
  }

  private takeLog(text: string): void {
    for (const line of text.split("\n")) {
      if (line === "") continue;
      this.logLines++;
      try {
        const entry = JSON.parse(line) as LogLine;
        // A torn line (two writers, a crash mid-append) or an old version is skipped, not trusted.
        if (entry.v === EXTRACTOR_VERSION && typeof entry.k === "string") this.entries.set(entry.k, entry.e);
      } catch {}
    }
  }

  get(key: string): FileFacts | undefined {
    const stored = this.entries.get(key);
    if (!stored) return undefined;
    this.used.add(key);
    const facts = decodeEntry(stored);
    if (facts !== stored) this.entries.set(key, facts);
    return facts;
  }

  set(key: string, facts: FileFacts): void {
    this.entries.set(key, facts);
    this.used.add(key);
    this.added.push(key);
  }

  /**
   * Persists this run's new entries: appended to the log while it is small, else the base is
   * rewritten (atomically) with the entries this run used and the newest others up to `limit`.
   */
  save(limit = 200_000): void {
    if (!this.file || this.added.length === 0) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const logged = this.logLines + this.added.length;
    if (this.baseEntries > 0 && logged <= Math.max(LOG_FLOOR, this.baseEntries * LOG_SHARE)) {
      const lines = this.added.map((key) => {
        const entry = encodeEntry(this.entries.get(key)!);
        const e = { ...entry, declarations: declarationsText(entry.declarations) };
        const line: LogLine = { v: EXTRACTOR_VERSION, k: key, e };
        return `${JSON.stringify(line)}\n`;
      });
      appendFileSync(this.logFile, lines.join(""));
      this.logLines = logged;
    } else {
      this.compact(limit);
    }
    this.added = [];
  }

  private compact(limit: number): void {
    const kept = new Map<string, CachedEntry>();
    for (const key of this.used) kept.set(key, encodeEntry(this.entries.get(key)!));
    for (const [key, facts] of [...this.entries].reverse()) {
      if (kept.size >= limit) break;
      if (!kept.has(key)) kept.set(key, encodeEntry(facts));
    }
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, encodeBaseFile(EXTRACTOR_VERSION, kept));
    renameSync(temp, this.file!);
    rmSync(this.logFile, { force: true });
    this.baseEntries = kept.size;
    this.logLines = 0;
  }
}
