import { describe, expect, it } from "vitest";
import type { FileFacts } from "../extract/types.js";
import { decodeBaseFile, encodeBaseFile } from "./base-file.js";
import { type CachedEntry, decodeEntry, encodeEntry } from "./lazy-facts.js";

function facts(name: string): FileFacts {
  return {
    imports: [{ specifier: `./${name}.js`, kind: "static", names: [name], typeOnly: false, line: 1 }],
    declarations: [
      { names: [name], kind: "function", range: { start: 2, end: 4 }, exportedAs: [name], references: [] },
    ],
    statements: [],
    localExports: [],
    syntaxErrors: 0,
  };
}

const plain = (entry: CachedEntry | undefined) => JSON.parse(JSON.stringify(decodeEntry(entry!)));

describe("the cache's base file", () => {
  it("gives back every entry, declarations in any script, through a second rewrite", () => {
    const names = ["a", "naïve", "日本語", "emoji🙂"];
    const first = encodeBaseFile(
      7,
      names.map((n) => [`${n}.ts`, encodeEntry(facts(n))]),
    );
    const read = decodeBaseFile(7, first);
    // Rewritten from what was read, declarations never parsed: their bytes are copied over.
    const again = decodeBaseFile(7, encodeBaseFile(7, read));
    for (const name of names) expect(plain(again.get(`${name}.ts`))).toEqual(facts(name));
    expect(encodeBaseFile(7, again)).toEqual(first);
  });

  it("keeps the header on the first line and the declarations after it", () => {
    const file = encodeBaseFile(7, [["a.ts", encodeEntry(facts("a"))]]);
    const [header, body] = file.toString("utf8").split("\n");
    expect(JSON.parse(header!).entries["a.ts"].imports).toEqual(facts("a").imports);
    expect(JSON.parse(body!)).toEqual(facts("a").declarations);
  });

  it("ignores another version, the old all-JSON layout included, and entries pointing outside it", () => {
    expect(decodeBaseFile(8, encodeBaseFile(7, [["a.ts", encodeEntry(facts("a"))]])).size).toBe(0);
    const old = JSON.stringify({ version: 6, entries: { "a.ts": encodeEntry(facts("a")) } });
    expect(decodeBaseFile(7, Buffer.from(old)).size).toBe(0);
    const header = { version: 7, entries: { "a.ts": { ...facts("a"), declarations: [0, 999] } } };
    expect(decodeBaseFile(7, Buffer.from(`${JSON.stringify(header)}\n[]`)).size).toBe(0);
    expect(() => decodeBaseFile(7, Buffer.from("{not json\n[]"))).toThrow(/JSON/);
  });
});
