import { describe, expect, it } from "vitest";
import { CHUNK_ITEMS, joinJson, splitJson } from "./json-pieces.js";

const range = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));

describe("a body in pieces", () => {
  it("sends a short body whole", async () => {
    const body = { a: [1, 2], b: { c: "d" }, e: null };
    const pieces = splitJson(body);
    expect(pieces.skeleton).toBe(JSON.stringify(body));
    expect([pieces.arrays, pieces.text.byteLength]).toEqual([[], 0]);
    expect(await joinJson(pieces)).toEqual(body);
  });

  it("splits long arrays, nested ones too, in chunks, and joins them in order", async () => {
    const body = {
      commit_sha: "a",
      records: range(CHUNK_ITEMS * 2 + 3, (i) => ({
        test: `t${i}`,
        files: range(i === 5 ? CHUNK_ITEMS + 1 : 2, (f) => ({ path: `f${f}`, units: [f] })),
      })),
      empty: [],
    };
    const pieces = splitJson(body);
    expect(pieces.arrays.map((piece) => [piece.path, piece.ends.length])).toEqual([
      [["records"], 3],
      [["records", 5, "files"], 2],
    ]);
    expect(await joinJson(pieces)).toEqual(body);
  });

  it("hands the chunks over as the bytes of one ArrayBuffer of their own, text outside ASCII kept", async () => {
    const body = { records: range(CHUNK_ITEMS + 1, (i) => ({ test: `tëst-😀-${i}` })) };
    const pieces = splitJson(body);
    expect(pieces.text.byteOffset).toBe(0);
    expect(pieces.text.buffer.byteLength).toBe(pieces.text.byteLength);
    expect(pieces.arrays[0]!.ends.at(-1)).toBe(pieces.text.byteLength);
    expect(await joinJson(pieces)).toEqual(body);
  });

  it("splits a body that is itself a long array", async () => {
    const body = range(CHUNK_ITEMS + 1, (i) => i);
    expect(await joinJson(splitJson(body))).toEqual(body);
  });
});
