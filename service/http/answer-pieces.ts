import { Readable } from "node:stream";
import { createGzip } from "node:zlib";

/**
 * An answer already turned into bytes a piece at a time, sent as a stream of those pieces: the
 * socket writes each as it is, where a 12 MB string answer was flattened and encoded in one go
 * (100-200 ms of the event loop for a 100,000-test selection). The pieces stay reachable, so an
 * `onSend` hook that keeps the answer (idempotency.ts) reads them without consuming the stream.
 */
/** Bytes handed to the socket between two turns of the event loop. */
const BYTES_PER_TURN = 1024 * 1024;

export class AnswerPieces extends Readable {
  readonly byteLength: number;
  private next = 0;
  private sinceTurn = 0;

  constructor(readonly pieces: readonly Buffer[]) {
    super();
    this.byteLength = pieces.reduce((sum, piece) => sum + piece.length, 0);
  }

  override _read(): void {
    if (this.next === this.pieces.length) {
      this.push(null);
      return;
    }
    const piece = this.pieces[this.next++]!;
    this.sinceTurn += piece.length;
    // One piece per read. A socket that keeps taking them (loopback, a fast client) would
    // otherwise have the whole answer copied to it in one go: 0.2 s for 12 MB on a loaded machine.
    if (this.sinceTurn < BYTES_PER_TURN) {
      this.push(piece);
      return;
    }
    this.sinceTurn = 0;
    setImmediate(() => this.push(piece));
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
