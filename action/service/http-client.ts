import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { Agent, type Dispatcher, request } from "undici";
import { ErrorBody } from "../../contract/common.js";
import { isErrorCode } from "../../contract/error-codes.js";
import { firstProblem, onlyKnown } from "../../selector/schema/first-problem.js";
import { DEFAULT_RETRY, type RetryPolicy, retryDelay } from "./retry-policy.js";
import { ServiceError, type ServiceErrorCode } from "./service-error.js";

export interface HttpOptions {
  baseUrl: string;
  token: string;
  /** One attempt's limit, connecting included. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  dispatcher?: Dispatcher;
  /** How the client waits between attempts; tests pass one that does not. */
  wait?: (ms: number) => Promise<unknown>;
  log?: (line: string) => void;
  /** Bodies from this many bytes up are sent gzipped; the default suits JSON and XML. */
  gzipFrom?: number;
}

export interface Call<S extends TSchema> {
  method: "GET" | "POST" | "PUT";
  path: string;
  body?: { type: string; data: string };
  /** The answer's schema (contract/, or fields picked from it: ./answers.ts). */
  schema: S;
  /** Sent as `Idempotency-Key` on every attempt, so a retry of a write the service did is answered, not redone. */
  idempotencyKey?: string;
}

/** The error body with its code read as any string: a code newer than this action still shows its message. */
const ErrorAnswer = Type.Object({
  error: Type.Object({ code: Type.String(), message: ErrorBody.properties.error.properties.message }),
});

type Attempt<T> = { value: T } | { error: ServiceError; retryAfter?: string };

/**
 * A 1 MiB selection body gzips to some 45 KiB: less to send from a runner, and less for the
 * service to read. Below this, compressing saves too little to be worth it.
 */
export const GZIP_FROM = 32 * 1024;

// In libuv's thread pool, off the action's own thread.
const gzip = promisify(gzipCallback);

/** What goes on the wire for a call's body: as given, or gzipped. */
interface WireBody {
  type: string;
  data: string | Buffer;
  encoding?: "gzip";
}

function networkError(error: unknown, what: string, timeoutMs: number): ServiceError {
  const name = error instanceof Error ? error.name : "";
  const code = (error as { code?: string }).code ?? "";
  if (
    name === "TimeoutError" ||
    name === "AbortError" ||
    (code.startsWith("UND_ERR_") && code.includes("TIMEOUT"))
  ) {
    return new ServiceError("TIMEOUT", `${what} did not answer within ${timeoutMs / 1000} s`, {
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ServiceError("UNREACHABLE", `${what} is unreachable: ${reason}${code ? ` (${code})` : ""}`, {
    cause: error,
  });
}

function answerError(status: number, text: string, what: string): ServiceError {
  const body = safeJson(text);
  if (firstProblem(ErrorAnswer, body) === undefined) {
    const { code, message } = (body as Static<typeof ErrorAnswer>).error;
    const known: ServiceErrorCode = isErrorCode(code) ? code : "INTERNAL";
    return new ServiceError(known, `${what} answered ${status} ${code}: ${message}`, { status });
  }
  return new ServiceError(status === 429 ? "RATE_LIMITED" : "BAD_RESPONSE", `${what} answered ${status}`, {
    status,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The service over undici: a bearer token, a time limit per attempt, retries with back-off on
 * network failures, 5xx and 429 (honouring Retry-After), and answers checked against a schema.
 * Every failure is a ServiceError whose message says what happened, in one line.
 */
export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly wait: (ms: number) => Promise<unknown>;
  private readonly gzipFrom: number;
  /** The service answered 415 to a gzipped body (one older than gzip support): send plain from then on. */
  private gzipRefused = false;

  constructor(private readonly options: HttpOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.wait = options.wait ?? sleep;
    this.gzipFrom = options.gzipFrom ?? GZIP_FROM;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connect: { timeout: this.timeoutMs },
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
  }

  private async wireBody(body: Call<TSchema>["body"]): Promise<WireBody | undefined> {
    if (!body || this.gzipRefused || Buffer.byteLength(body.data) < this.gzipFrom) return body;
    return { type: body.type, data: await gzip(body.data), encoding: "gzip" };
  }

  async call<S extends TSchema>(call: Call<S>): Promise<Static<S>> {
    let body = await this.wireBody(call.body);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(call, body);
      if ("error" in outcome && outcome.error.status === 415 && body?.encoding) {
        // Not a failed attempt: the service cannot read gzip, so the same body goes again as it is.
        this.gzipRefused = true;
        this.options.log?.(`${outcome.error.message}; sending the body uncompressed`);
        body = call.body;
        attempt--;
        continue;
      }
      if ("value" in outcome) return outcome.value;
      const { error, retryAfter } = outcome;
      const failure = {
        ...(error.status ? { status: error.status } : {}),
        ...(retryAfter ? { retryAfter } : {}),
      };
      const delay = retryDelay(attempt, failure, this.retry, new Date());
      if (delay === undefined) {
        if (attempt > 1) error.message += ` (after ${attempt} attempts)`;
        throw error;
      }
      this.options.log?.(`${error.message}; retrying in ${(delay / 1000).toFixed(1)} s`);
      await this.wait(delay);
    }
  }

  private async attempt<S extends TSchema>(
    call: Call<S>,
    body: WireBody | undefined,
  ): Promise<Attempt<Static<S>>> {
    const what = `the SuperPlane service (${call.method} ${this.options.baseUrl}${call.path})`;
    let status: number;
    let text: string;
    let retryAfter: string | undefined;
    try {
      const response = await request(`${this.options.baseUrl}${call.path}`, {
        method: call.method,
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          authorization: `Bearer ${this.options.token}`,
          accept: "application/json",
          "user-agent": "superplane-action",
          ...(body ? { "content-type": body.type } : {}),
          ...(body?.encoding ? { "content-encoding": body.encoding } : {}),
          ...(call.idempotencyKey ? { "idempotency-key": call.idempotencyKey } : {}),
        },
        ...(body ? { body: body.data } : {}),
      });
      status = response.statusCode;
      const header = response.headers["retry-after"];
      retryAfter = Array.isArray(header) ? header[0] : header;
      text = await response.body.text();
    } catch (error) {
      return { error: networkError(error, what, this.timeoutMs) };
    }
    if (status < 200 || status >= 300) {
      return { error: answerError(status, text, what), ...(retryAfter ? { retryAfter } : {}) };
    }
    const value = safeJson(text);
    const problem = firstProblem(call.schema, value);
    if (problem) {
      return {
        error: new ServiceError(
          "BAD_RESPONSE",
          `${what} answered an unexpected ${problem.path || "body"}: ${problem.message}`,
          { status },
        ),
      };
    }
    return { value: onlyKnown(call.schema, value as Static<S>) };
  }

  /** A line for the action's log, from code that calls through this client. */
  log(line: string): void {
    this.options.log?.(line);
  }

  async close(): Promise<void> {
    if (!this.options.dispatcher) await this.dispatcher.close();
  }
}
