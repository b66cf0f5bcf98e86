import { type CachedEntry, DeclarationBytes, declarationsBytes } from "./lazy-facts.js";

/**
 * The cache's base file: one line of JSON, then the declarations of every entry as JSON text,
 * back to back. The line holds everything the graph needs of every file (imports, exports,
 * statements) and, for declarations, where their text lies after it: loading the cache parses
 * that line alone, a third of the bytes, and declarations stay bytes until a file's are read.
 */
interface BaseHeader {
  version: number;
  entries: Record<string, Omit<CachedEntry, "declarations"> & { declarations: [number, number] }>;
}

const NEWLINE = 10;

/** The base file's bytes for these entries. */
export function encodeBaseFile(version: number, entries: Iterable<[string, CachedEntry]>): Buffer {
  const header: BaseHeader = { version, entries: {} };
  const parts: Buffer[] = [];
  let offset = 0;
  for (const [key, entry] of entries) {
    const bytes = declarationsBytes(entry.declarations);
    header.entries[key] = { ...entry, declarations: [offset, bytes.length] };
    parts.push(bytes);
    offset += bytes.length;
  }
  // JSON.stringify writes no raw newline (newlines in strings are escaped): the first one ends the header.
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, "utf8"), ...parts]);
}

const isSpan = (value: unknown, size: number): value is [number, number] =>
  Array.isArray(value) &&
  value.length === 2 &&
  Number.isInteger(value[0]) &&
  Number.isInteger(value[1]) &&
  value[0] >= 0 &&
  value[1] >= 0 &&
  value[0] + value[1] <= size;

/**
 * The entries of a base file written with `version`; none for another version (an older layout
 * included). Throws on a header that is not JSON; an entry pointing outside the file is left out.
 */
export function decodeBaseFile(version: number, file: Buffer): Map<string, CachedEntry> {
  const entries = new Map<string, CachedEntry>();
  const end = file.indexOf(NEWLINE);
  const header = JSON.parse(file.toString("utf8", 0, end === -1 ? file.length : end)) as BaseHeader;
  if (header.version !== version || typeof header.entries !== "object" || header.entries === null) {
    return entries;
  }
  const body = end === -1 ? Buffer.alloc(0) : file.subarray(end + 1);
  for (const key in header.entries) {
    const entry = header.entries[key]!;
    const span = entry.declarations;
    if (!isSpan(span, body.length)) continue;
    const declarations = new DeclarationBytes(body, span[0], span[0] + span[1]);
    entries.set(key, { ...entry, declarations });
  }
  return entries;
}
