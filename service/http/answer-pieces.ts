import { Readable } from "node:stream";
import { createGzip } from "node:zlib";

/**
 * An answer already turned into bytes a piece at a time, sent as a stream of those pieces: the
 * socket writes each as it is, where a 12 MB string answer was flattened and encoded in one go
 * (100-200 ms of the event loop for a 100,000-test selection). The pieces stay reachable, so an
 * `onSend` hook that keeps the answer (idempotency.ts) reads them without consuming the stream.
 */
export class AnswerPieces extends Readable {
  readonly byteLength: number;
  private next = 0;

  constructor(readonly pieces: readonly Buffer[]) {
    super();
    this.byteLength = pieces.reduce((sum, piece) => sum + piece.length, 0);
  }

  override _read(): void {
    // One piece per read: pushing them all at once would queue the whole answer in the stream.
    this.push(this.next < this.pieces.length ? this.pieces[this.next++] : null);
  }
}

/** The pieces of `payload` when it is an answer in pieces. */
export function piecesOf(payload: unknown): readonly Buffer[] | undefined {
  return payload instanceof AnswerPieces ? payload.pieces : undefined;
}

/** `pieces` gzipped as one body, a piece at a time in libuv's thread pool. */
export function gzipPieces(pieces: readonly Buffer[], level: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const gzip = createGzip({ level });
    gzip.on("data", (chunk: Buffer) => out.push(chunk));
    gzip.on("end", () => resolve(Buffer.concat(out)));
    gzip.on("error", reject);
    Readable.from(pieces, { objectMode: false }).pipe(gzip);
  });
}
