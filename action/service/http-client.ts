import { setTimeout as sleep } from "node:timers/promises";
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

  constructor(private readonly options: HttpOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.wait = options.wait ?? sleep;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connect: { timeout: this.timeoutMs },
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
  }

  async call<S extends TSchema>(call: Call<S>): Promise<Static<S>> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(call);
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

  private async attempt<S extends TSchema>(call: Call<S>): Promise<Attempt<Static<S>>> {
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
          ...(call.body ? { "content-type": call.body.type } : {}),
          ...(call.idempotencyKey ? { "idempotency-key": call.idempotencyKey } : {}),
        },
        ...(call.body ? { body: call.body.data } : {}),
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

  async close(): Promise<void> {
    if (!this.options.dispatcher) await this.dispatcher.close();
  }
}
