import type { Declaration, FileFacts } from "../extract/types.js";

/** FileFacts as stored: declarations kept as their JSON text until someone reads them. */
export type CachedEntry = Omit<FileFacts, "declarations"> & { declarations: string };

/** Stored form of an entry; a stored entry is returned as it is, its text never re-encoded. */
export function encodeEntry(entry: CachedEntry | FileFacts): CachedEntry {
  if (typeof entry.declarations === "string") return entry as CachedEntry;
  return { ...entry, declarations: JSON.stringify(entry.declarations) };
}

/**
 * FileFacts from a stored entry. A selection reads the declarations of the few files a change
 * reaches, so parsing them for all 10,000 files of a repository on every run is wasted: they are
 * parsed on first read. The property stays an own, enumerable one, so JSON and structured clone
 * see plain data.
 */
export function decodeEntry(entry: CachedEntry | FileFacts): FileFacts {
  if (typeof entry.declarations !== "string") return entry as FileFacts;
  const text = entry.declarations;
  const facts = { ...entry } as unknown as FileFacts;
  Object.defineProperty(facts, "declarations", {
    enumerable: true,
    configurable: true,
    get(): Declaration[] {
      const declarations = JSON.parse(text) as Declaration[];
      Object.defineProperty(facts, "declarations", { value: declarations, enumerable: true, writable: true });
      return declarations;
    },
  });
  return facts;
}
