import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AnswerPieces, gzipPieces, piecesOf } from "./answer-pieces.js";

const KiB = 1024;

function piecesOfSize(count: number, size: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => Buffer.alloc(size, 97 + (i % 26)));
}

describe("an answer in pieces", () => {
  it("streams every piece in order, and gives the loop a turn each MiB however fast they are taken", async () => {
    const pieces = piecesOfSize(64, 48 * KiB);
    const answer = new AnswerPieces(pieces);
    expect(answer.byteLength).toBe(64 * 48 * KiB);
    const got: Buffer[] = [];
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    // Takes each piece at once, as a socket with room does.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        got.push(chunk);
        done();
      },
    });
    await pipeline(answer, sink);
    counting = false;
    expect(Buffer.concat(got).equals(Buffer.concat(pieces))).toBe(true);
    // 3 MiB: a turn after each of the first two MiB at least.
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it("keeps its pieces for a hook, and gzips them as one body", async () => {
    const pieces = piecesOfSize(5, 10 * KiB);
    const answer = new AnswerPieces(pieces);
    expect(piecesOf(answer)).toBe(pieces);
    expect(piecesOf("text")).toBeUndefined();
    expect(gunzipSync(await gzipPieces(pieces, 1)).equals(Buffer.concat(pieces))).toBe(true);
  });
});
