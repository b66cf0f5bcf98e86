import { createHash } from "node:crypto";
import type { FastifySchema } from "fastify";
import type { CoverageUpload } from "../../contract/coverage.js";
import type { LimitRef } from "../../contract/limits.js";
import { ApiError, type ErrorCode } from "../api-error.js";
import { parseJUnit } from "../results/parse-junit.js";
import { type EncodedCoverage, encodeCoverage } from "../storage/coverage-encoding.js";
import type { TestResult } from "../storage/storage.js";
import { parseCheckedJson } from "./json-checks.js";
import { type JsonPieces, splitJson } from "./json-pieces.js";
import { validatorCompiler } from "./validator-compiler.js";

/**
 * What a body worker does (body-worker.ts runs it on its thread): the parsing and checking that
 * grows with a body's size, done where it cannot hold up other requests. Pure of threads, so tests
 * call it directly too.
 */
export type BodyJob =
  | {
      kind: "json";
      /** UTF-8 bytes in blocks (body-blocks.ts), transferred rather than copied, joined here. */
      blocks: Uint8Array[];
      /** The route's body schema and a key naming it; the worker compiles each once. */
      schema?: { key: string; schema: unknown };
      /** `METHOD url\n`: the body's idempotency fingerprint is asked for (idempotency.ts). */
      fingerprint?: string;
      /** The body is a coverage upload to answer in its stored form, not as JSON (coverage-encoding.ts). */
      encode?: "coverage";
    }
  | {
      kind: "junit";
      /** The report as text, or as UTF-8 blocks (body-blocks.ts), transferred, joined here. */
      xml: string | Uint8Array[];
      /** `METHOD url\n`: the report's idempotency fingerprint is asked for (idempotency.ts). */
      fingerprint?: string;
    };

/** An ajv issue as the error handler reads it, with only what it needs of the schema. */
export interface Issue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: Record<string, unknown>;
}

export type BodyFailure =
  | { kind: "api"; code: ErrorCode; message: string; status: number; limit?: LimitRef }
  | { kind: "validation"; issues: Issue[] };

export type BodyAnswer =
  | { ok: true; json: JsonPieces; validated: boolean; fingerprint?: string }
  | { ok: true; results: TestResult[]; fingerprint?: string }
  | { ok: true; coverage: EncodedCoverage; commitSha: string; fingerprint?: string }
  | { ok: false; failure: BodyFailure };

type Validate = ((data: unknown) => boolean) & { errors?: Issue[] | null };

const compile = validatorCompiler();
const validators = new Map<string, Validate>();

function validatorOf(key: string, schema: unknown): Validate {
  let validate = validators.get(key);
  if (!validate) {
    validate = compile({
      schema: schema as FastifySchema,
      httpPart: "body",
      method: "",
      url: key,
    }) as Validate;
    validators.set(key, validate);
  }
  return validate;
}

/** An ajv issue without the data and schema it points at: those may be the whole body. */
function issueOf(error: Issue): Issue {
  const limit = error.parentSchema?.["x-limit"];
  return {
    instancePath: error.instancePath,
    keyword: error.keyword,
    params: error.params,
    ...(error.message ? { message: error.message } : {}),
    ...(typeof limit === "string" ? { parentSchema: { "x-limit": limit } } : {}),
  };
}

function failureOf(error: unknown): BodyFailure {
  if (error instanceof ApiError) {
    const { code, message, statusCode: status, limit } = error;
    return { kind: "api", code, message, status, ...(limit ? { limit } : {}) };
  }
  throw error;
}

const textOf = (blocks: Uint8Array[]): string =>
  Buffer.concat(blocks.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength))).toString("utf8");

/** As idempotency.ts hashes a text body it has: the request line, then the text. */
const hashOf = (fingerprint: string, text: string): string =>
  createHash("sha256").update(fingerprint).update(text).digest("hex");

export function doBodyJob(job: BodyJob): BodyAnswer {
  try {
    if (job.kind === "junit") {
      const xml = typeof job.xml === "string" ? job.xml : textOf(job.xml);
      const results = parseJUnit(xml);
      return { ok: true, results, ...(job.fingerprint ? { fingerprint: hashOf(job.fingerprint, xml) } : {}) };
    }
    const body = parseCheckedJson(textOf(job.blocks));
    if (!job.schema) return { ok: true, json: splitJson(body), validated: false };
    const validate = validatorOf(job.schema.key, job.schema.schema);
    if (!validate(body))
      return {
        ok: false,
        failure: { kind: "validation", issues: (validate.errors ?? []).slice(0, 1).map(issueOf) },
      };
    const fingerprint = job.fingerprint ? hashOf(job.fingerprint, JSON.stringify(body)) : undefined;
    if (job.encode === "coverage") {
      const upload = body as CoverageUpload;
      const coverage = encodeCoverage(upload.commit_sha, upload.records, { clean: true });
      return { ok: true, coverage, commitSha: upload.commit_sha, ...(fingerprint ? { fingerprint } : {}) };
    }
    return { ok: true, json: splitJson(body), validated: true, ...(fingerprint ? { fingerprint } : {}) };
  } catch (error) {
    return { ok: false, failure: failureOf(error) };
  }
}
