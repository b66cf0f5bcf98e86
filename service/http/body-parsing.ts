import { ApiError } from "../api-error.js";
import { parseJUnit } from "../results/parse-junit.js";
import type { TestResult } from "../storage/storage.js";
import { type BodyPool, createBodyPool, defaultBodyWorkerScript, defaultPoolSize } from "./body-pool.js";
import type { BodyAnswer, BodyFailure } from "./body-work.js";
import { joinJson } from "./json-pieces.js";
import { keepEncodedCoverage, keepFingerprint, markValidated } from "./prevalidated.js";

/**
 * JSON bodies from this size up are parsed on a worker thread. Below it the hand-off costs more
 * than it saves: the 1.1 MiB selection took 48-49 ms of CPU inline against 57-62 ms through the
 * worker (the parse, splitting and rebuilding it), and 4 MiB parses and validates inline in tens of
 * milliseconds, inside the 100 ms the event loop may be held (docs/decisions.md).
 */
export const DEFAULT_WORKER_THRESHOLD = 4 * 1024 * 1024;
/** JUnit XML parses about ten times slower a byte than JSON (0.75 s a MiB): it goes off the thread far sooner. */
export const XML_WORKER_THRESHOLD = 64 * 1024;

export interface BodyParsingOptions {
  /** The compiled body-worker.js; by default the one beside this module, none from sources. */
  workerScript?: string;
  workers?: number;
  /** Bytes from which a body goes to a worker (0: all of them), JSON and XML alike; by default each its own. */
  threshold?: number;
}

/** Parsing of bodies whose size is the client's to choose: large ones off the main thread. */
export interface BodyParsing {
  /** Whether a body of `bytes` goes to a worker. */
  offThread(bytes: number): boolean;
  /**
   * JSON through a worker: checked, parsed, validated against `schema` when given. With `encode`,
   * a coverage upload comes back with no records, its stored form kept beside it (prevalidated.ts).
   */
  json(
    blocks: readonly Buffer[],
    schema?: { key: string; schema: unknown },
    fingerprint?: string,
    encode?: "coverage",
  ): Promise<unknown>;
  /** A JUnit report's per-file results, through a worker when large. */
  junit(xml: string): Promise<TestResult[]>;
  /** Whether an XML body of `bytes` goes to a worker. */
  offThreadXml(bytes: number): boolean;
  /** A JUnit report's per-file results from its bytes, on a worker, with its fingerprint when asked for. */
  junitBlocks(
    blocks: readonly Buffer[],
    fingerprint?: string,
  ): Promise<{ results: TestResult[]; fingerprint?: string }>;
  /** Jobs workers have finished. */
  readonly offThreadJobs: number;
  close(): Promise<void>;
}

function errorOf(failure: BodyFailure): Error {
  if (failure.kind === "api") {
    const { code, message, status, limit } = failure;
    return new ApiError(code, message, { status, ...(limit ? { limit } : {}) });
  }
  // Shaped as Fastify's own validation errors, so the error handler words both alike.
  return Object.assign(new Error("body validation failed"), {
    validation: failure.issues,
    validationContext: "body",
    statusCode: 400,
  });
}

function answerOf<T extends BodyAnswer>(answer: T): Exclude<T, { ok: false }> {
  if (!answer.ok) throw errorOf(answer.failure);
  return answer as Exclude<T, { ok: false }>;
}

/** A buffer of its own: a transfer takes the whole ArrayBuffer, which may hold other data (or another block). */
const ownBytes = (bytes: Buffer) =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Buffer.from(bytes);

/** Blocks each with an ArrayBuffer of its own, to transfer: two blocks never share one. */
function ownBlocks(blocks: readonly Buffer[]): Buffer[] {
  const owned = new Set<ArrayBufferLike>();
  return blocks.map((block) => {
    const own = owned.has(block.buffer) ? Buffer.from(block) : ownBytes(block);
    owned.add(own.buffer);
    return own;
  });
}

export function createBodyParsing(options: BodyParsingOptions = {}): BodyParsing {
  const threshold = options.threshold ?? DEFAULT_WORKER_THRESHOLD;
  const xmlThreshold = options.threshold ?? XML_WORKER_THRESHOLD;
  // A threshold no body reaches needs no workers.
  const script = Number.isFinite(threshold) ? (options.workerScript ?? defaultBodyWorkerScript()) : undefined;
  const pool: BodyPool | undefined = script
    ? createBodyPool(script, options.workers ?? defaultPoolSize())
    : undefined;
  const offThread = (bytes: number) => pool !== undefined && bytes >= threshold;
  return {
    offThread,
    async json(blocks, schema, fingerprint, encode) {
      if (!pool) throw new Error("no body worker: JSON is parsed inline");
      const job = {
        kind: "json" as const,
        blocks: ownBlocks(blocks),
        ...(schema ? { schema } : {}),
        ...(fingerprint ? { fingerprint } : {}),
        // Encoded only once validated: without a schema the body is answered as JSON.
        ...(schema && encode ? { encode } : {}),
      };
      const answer = answerOf(await pool.run(job));
      if ("coverage" in answer) {
        const body = { commit_sha: answer.commitSha, records: [] };
        keepEncodedCoverage(body, answer.coverage);
        markValidated(body);
        if (answer.fingerprint) keepFingerprint(body, answer.fingerprint);
        return body;
      }
      if (!("json" in answer)) throw new Error("a body worker answered a JSON job with results");
      const body = await joinJson(answer.json);
      if (answer.validated) markValidated(body);
      if (answer.fingerprint) keepFingerprint(body, answer.fingerprint);
      return body;
    },
    async junit(xml) {
      if (!pool || xml.length < xmlThreshold) return parseJUnit(xml);
      const answer = answerOf(await pool.run({ kind: "junit", xml }));
      if (!("results" in answer)) throw new Error("a body worker answered a JUnit job with JSON");
      return answer.results;
    },
    offThreadXml: (bytes) => pool !== undefined && bytes >= xmlThreshold,
    async junitBlocks(blocks, fingerprint) {
      if (!pool) throw new Error("no body worker: JUnit XML is parsed inline");
      const job = { kind: "junit" as const, xml: ownBlocks(blocks), ...(fingerprint ? { fingerprint } : {}) };
      const answer = answerOf(await pool.run(job));
      if (!("results" in answer)) throw new Error("a body worker answered a JUnit job with JSON");
      return { results: answer.results, ...(answer.fingerprint ? { fingerprint: answer.fingerprint } : {}) };
    },
    get offThreadJobs() {
      return pool?.done ?? 0;
    },
    close: async () => pool?.close(),
  };
}
