import type {
  Declaration,
  FileFacts,
  ImportRecord,
  LocalExport,
  TopLevelStatement,
} from "../extract/types.js";

/** FileFacts as stored: declarations kept as their JSON text until someone reads them. */
export type CachedEntry = Omit<FileFacts, "declarations"> & { declarations: string };

/**
 * FileFacts read from the cache. A selection reads the declarations of the few files a change
 * reaches, so parsing them for all 10,000 files of a repository on every run is wasted: they are
 * parsed on first read. A class, not per-object accessors, so V8 keeps one fast shape for all of
 * them; `toJSON` gives JSON the plain data.
 */
class StoredFacts implements FileFacts {
  imports: ImportRecord[];
  statements: TopLevelStatement[];
  localExports: LocalExport[];
  syntaxErrors: number;
  note?: string;
  #text: string | undefined;
  #declarations: Declaration[] | undefined;

  constructor(entry: CachedEntry) {
    this.imports = entry.imports;
    this.statements = entry.statements;
    this.localExports = entry.localExports;
    this.syntaxErrors = entry.syntaxErrors;
    if (entry.note !== undefined) this.note = entry.note;
    this.#text = entry.declarations;
  }

  get declarations(): Declaration[] {
    if (this.#declarations === undefined) {
      this.#declarations = JSON.parse(this.#text!) as Declaration[];
      this.#text = undefined;
    }
    return this.#declarations;
  }

  set declarations(value: Declaration[]) {
    this.#declarations = value;
    this.#text = undefined;
  }

  /** The stored form, without parsing declarations nobody read. */
  stored(): CachedEntry {
    const declarations = this.#text ?? JSON.stringify(this.#declarations);
    return { ...this.plain(), declarations };
  }

  toJSON(): FileFacts {
    return { ...this.plain(), declarations: this.declarations };
  }

  private plain(): Omit<FileFacts, "declarations"> {
    const { imports, statements, localExports, syntaxErrors, note } = this;
    return { imports, statements, localExports, syntaxErrors, ...(note !== undefined ? { note } : {}) };
  }
}

/** Stored form of an entry; a stored entry is returned as it is, its text never re-encoded. */
export function encodeEntry(entry: CachedEntry | FileFacts): CachedEntry {
  if (entry instanceof StoredFacts) return entry.stored();
  if (typeof entry.declarations === "string") return entry as CachedEntry;
  return { ...entry, declarations: JSON.stringify(entry.declarations) };
}

/** FileFacts from a stored entry (or the facts themselves, when they were never stored). */
export function decodeEntry(entry: CachedEntry | FileFacts): FileFacts {
  if (typeof entry.declarations !== "string") return entry as FileFacts;
  return new StoredFacts(entry as CachedEntry);
}
