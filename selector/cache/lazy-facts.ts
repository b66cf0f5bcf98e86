import type {
  Declaration,
  ExactSyntaxError,
  FileFacts,
  ImportRecord,
  LocalExport,
  TopLevelStatement,
} from "../extract/types.js";

/**
 * Where a file's declarations lie, as JSON text, in the bytes of the cache's base file. Kept as
 * bytes, not a string: the 10,000 files of a large repository carry megabytes of declarations,
 * and a selection reads those of a few files.
 */
export class DeclarationBytes {
  constructor(
    private readonly body: Buffer,
    private readonly start: number,
    private readonly end: number,
  ) {}

  bytes(): Buffer {
    return this.body.subarray(this.start, this.end);
  }

  text(): string {
    return this.body.toString("utf8", this.start, this.end);
  }
}

/** Declarations as stored: JSON text (a log line), or its place in the base file. */
export type StoredDeclarations = string | DeclarationBytes;

/** FileFacts as stored: declarations kept unparsed until someone reads them. */
export type CachedEntry = Omit<FileFacts, "declarations"> & { declarations: StoredDeclarations };

/** The JSON text of stored declarations, for a log line. */
export function declarationsText(stored: StoredDeclarations): string {
  return typeof stored === "string" ? stored : stored.text();
}

/** The bytes of stored declarations, for the base file; bytes read from it are copied as they are. */
export function declarationsBytes(stored: StoredDeclarations): Buffer {
  return typeof stored === "string" ? Buffer.from(stored, "utf8") : stored.bytes();
}

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
  exactSyntax?: ExactSyntaxError | null;
  inSourceTests?: true;
  #stored: StoredDeclarations | undefined;
  #declarations: Declaration[] | undefined;

  constructor(entry: CachedEntry) {
    this.imports = entry.imports;
    this.statements = entry.statements;
    this.localExports = entry.localExports;
    this.syntaxErrors = entry.syntaxErrors;
    if (entry.note !== undefined) this.note = entry.note;
    if (entry.exactSyntax !== undefined) this.exactSyntax = entry.exactSyntax;
    if (entry.inSourceTests) this.inSourceTests = true;
    this.#stored = entry.declarations;
  }

  get declarations(): Declaration[] {
    if (this.#declarations === undefined) {
      this.#declarations = JSON.parse(declarationsText(this.#stored!)) as Declaration[];
      this.#stored = undefined;
    }
    return this.#declarations;
  }

  set declarations(value: Declaration[]) {
    this.#declarations = value;
    this.#stored = undefined;
  }

  /** The stored form, without parsing declarations nobody read. */
  stored(): CachedEntry {
    const declarations = this.#stored ?? JSON.stringify(this.#declarations);
    return { ...this.plain(), declarations };
  }

  toJSON(): FileFacts {
    return { ...this.plain(), declarations: this.declarations };
  }

  private plain(): Omit<FileFacts, "declarations"> {
    const { imports, statements, localExports, syntaxErrors, note, exactSyntax, inSourceTests } = this;
    return {
      imports,
      statements,
      localExports,
      syntaxErrors,
      ...(note !== undefined ? { note } : {}),
      ...(exactSyntax !== undefined ? { exactSyntax } : {}),
      ...(inSourceTests ? { inSourceTests } : {}),
    };
  }
}

const isStored = (declarations: unknown): declarations is StoredDeclarations =>
  typeof declarations === "string" || declarations instanceof DeclarationBytes;

/** Stored form of an entry; a stored entry is returned as it is, its declarations never re-encoded. */
export function encodeEntry(entry: CachedEntry | FileFacts): CachedEntry {
  if (entry instanceof StoredFacts) return entry.stored();
  if (isStored(entry.declarations)) return entry as CachedEntry;
  return { ...entry, declarations: JSON.stringify(entry.declarations) };
}

/** FileFacts from a stored entry (or the facts themselves, when they were never stored). */
export function decodeEntry(entry: CachedEntry | FileFacts): FileFacts {
  if (!isStored(entry.declarations)) return entry as FileFacts;
  return new StoredFacts(entry as CachedEntry);
}
