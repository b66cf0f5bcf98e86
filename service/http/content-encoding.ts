import { Transform, type TransformCallback } from "node:stream";
import { createGunzip } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { ApiError } from "../api-error.js";

/** What Fastify reads the body from: the request, or the stream a hook put in its place. */
type Payload = NodeJS.ReadableStream & { receivedEncodedLength?: number };

const tooLarge = (limit: number) =>
  new ApiError("PAYLOAD_TOO_LARGE", `request body is too large: more than ${limit} bytes once decompressed`);

/**
 * Counts what gunzip makes and stops it past `limit`: a small gzip body can stand for gigabytes
 * (a zip bomb), so the body limit holds for the decompressed bytes, and decompression ends there
 * rather than running on for bytes nobody reads.
 */
class Bounded extends Transform {
  private total = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.limit) done(tooLarge(this.limit));
    else done(null, chunk);
  }
}

/**
 * `gzip` bodies decompressed as they arrive, within the route's body limit. Fastify matches
 * `Content-Length` against `receivedEncodedLength`, the compressed bytes read off the request.
 */
function gunzipWithin(payload: Payload, limit: number): Payload {
  const gunzip = createGunzip();
  const bounded = new Bounded(limit) as Transform & Payload;
  bounded.receivedEncodedLength = 0;
  payload.on("data", (chunk: Buffer) => {
    bounded.receivedEncodedLength! += chunk.length;
  });
  const fail = (error: Error & { statusCode?: number }) => {
    if (error instanceof ApiError) return bounded.destroy(error);
    const message = `the gzip body cannot be decompressed: ${error.message}`;
    bounded.destroy(new ApiError("VALIDATION_FAILED", message, { cause: error }));
  };
  gunzip.on("error", fail);
  bounded.on("error", () => gunzip.destroy());
  payload.pipe(gunzip).pipe(bounded);
  return bounded;
}

const IDENTITY = new Set(["", "identity"]);
const GZIP = new Set(["gzip", "x-gzip"]);

/**
 * Bodies may come gzipped (`Content-Encoding: gzip`, as the action sends large ones); any other
 * encoding is answered 415, naming the ones the service reads.
 */
export function registerContentEncoding(app: FastifyInstance): void {
  app.addHook("preParsing", async (request, _reply, payload) => {
    const header = request.headers["content-encoding"];
    const encoding = (Array.isArray(header) ? header.join(",") : (header ?? "")).trim().toLowerCase();
    if (IDENTITY.has(encoding)) return payload;
    if (!GZIP.has(encoding)) {
      throw new ApiError(
        "VALIDATION_FAILED",
        `Content-Encoding ${JSON.stringify(encoding)} is not supported: send gzip or no encoding`,
        { status: 415 },
      );
    }
    const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
    return gunzipWithin(payload, limit);
  });
}
