import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzip as gunzipCallback, gzip as gzipCallback } from "node:zlib";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "../api-error.js";
import type { Clock } from "../clock.js";
import type { Storage } from "../storage/storage.js";
import { gzipPieces, piecesOf } from "./answer-pieces.js";
import { orgOf } from "./authenticate.js";
import { fingerprintOf as fingerprintFromWorker } from "./prevalidated.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route honours `Idempotency-Key`: a retry with the same key gets the first answer. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    /** Set while this request holds its key's reservation. */
    idempotencyKey?: { orgId: string; key: string };
  }
}

// In libuv's thread pool: a run's answer takes some 10-20 ms to compress, which must not block requests.
const gzip = promisify(gzipCallback);
const gunzip = promisify(gunzipCallback);

export const IDEMPOTENCY_HEADER = "idempotency-key";
const MAX_KEY_LENGTH = 255;
/** Past the 30 s request timeout: a reservation this old belongs to a request that died with its replica. */
const STALE_MS = 60_000;

/**
 * The request the key was first used for: method, path and body, as the handler saw them. A body
 * parsed on a worker comes with it, hashed there the same way (body-work.ts).
 */
function fingerprintOf(request: FastifyRequest): string {
  const known = fingerprintFromWorker(request.body);
  if (known) return known;
  const body = typeof request.body === "string" ? request.body : JSON.stringify(request.body ?? null);
  return createHash("sha256").update(`${request.method} ${request.url}\n`).update(body).digest("hex");
}

function keyOf(request: FastifyRequest): string | undefined {
  const header = request.headers[IDEMPOTENCY_HEADER];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || key.length > MAX_KEY_LENGTH) {
    throw new ApiError("VALIDATION_FAILED", `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters`);
  }
  return key;
}

/**
 * `Idempotency-Key` as Stripe has it, on the routes configured `idempotent`: the first request with
 * a key does the work and its answer (any status below 500) is kept a day; a retry with the key
 * gets that answer again, marked `Idempotent-Replayed: true`, and does nothing. The same key with
 * a different request is 409 CONFLICT, as is one arriving while the first is under way (with
 * `Retry-After`). A 5xx frees the key, since a failed request stores nothing. Checked after
 * validation: a request the schema refuses keeps no answer.
 */
export function registerIdempotency(app: FastifyInstance, storage: Storage, clock: Clock): void {
  app.addHook("preHandler", async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const key = keyOf(request);
    if (key === undefined) return;
    const orgId = orgOf(request);
    const found = await storage.idempotency.reserve(
      orgId,
      key,
      fingerprintOf(request),
      clock.now(),
      STALE_MS,
    );
    switch (found.kind) {
      case "reserved":
        request.idempotencyKey = { orgId, key };
        return;
      case "mismatch":
        throw new ApiError(
          "CONFLICT",
          `Idempotency-Key ${key} was first used with a different request; use a new key for a new request`,
        );
      case "in-progress":
        throw new ApiError("CONFLICT", `a request with Idempotency-Key ${key} is under way; retry shortly`, {
          headers: { "retry-after": "1" },
        });
      case "replay":
        reply
          .code(found.status)
          .header("content-type", found.contentType)
          .header("idempotent-replayed", "true");
        return reply.send(await gunzip(found.body));
    }
  });
  app.addHook("onSend", async (request, reply, payload) => {
    const held = request.idempotencyKey;
    if (!held) return payload;
    request.idempotencyKey = undefined;
    try {
      if (reply.statusCode >= 500) {
        await storage.idempotency.release(held.orgId, held.key);
      } else {
        const pieces = piecesOf(payload);
        const body = typeof payload === "string" || Buffer.isBuffer(payload) ? payload : "";
        const type = String(reply.getHeader("content-type") ?? "application/json");
        // Level 1: a run's answer lists every decision (about 0.9 MiB for 5,000 tests); this keeps
        // a tenth of it. A large answer in pieces is not joined on this thread first.
        const packed = pieces ? await gzipPieces(pieces, 1) : await gzip(body, { level: 1 });
        await storage.idempotency.complete(held.orgId, held.key, reply.statusCode, packed, type);
      }
    } catch (error) {
      // The answer still goes out; the reservation turns stale and a retry takes it over.
      request.log.error({ err: error }, "recording the idempotent answer failed");
    }
    return payload;
  });
}
