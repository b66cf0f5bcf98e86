import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type LimitRef, limitMessage, limitOfSchema } from "../../contract/limits.js";
import { ApiError, type ErrorCode } from "../api-error.js";
import { isDatabaseUnavailable } from "../storage/database-unavailable.js";

type ValidationIssue = NonNullable<FastifyError["validation"]>[number];

/** `/tests/0/path` → `tests[0].path`, the way a person writes the field. */
function fieldOf(issue: ValidationIssue): string {
  const parts = issue.instancePath.split("/").filter(Boolean);
  const missing = issue.params.missingProperty;
  if (typeof missing === "string") parts.push(missing);
  return parts.reduce(
    (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
    "",
  );
}

function validationMessage(error: FastifyError): string {
  const issue = error.validation?.[0];
  if (!issue) return error.message;
  const part = error.validationContext ?? "body";
  const field = fieldOf(issue);
  const allowed = issue.params.allowedValues;
  const detail =
    typeof issue.params.missingProperty === "string"
      ? "is required"
      : Array.isArray(allowed)
        ? `must be one of ${allowed.join(", ")}`
        : issue.message;
  return `${field ? `${part}.${field}` : part}: ${detail ?? "is invalid"}`;
}

interface Classified {
  code: ErrorCode;
  status: number;
  message: string;
  limit?: LimitRef;
}

/** A `maxItems` that is one of the named count limits (contract/limits.ts): 413, naming it. */
function countLimitOf(error: FastifyError): Classified | undefined {
  const issue = error.validation?.[0] as (ValidationIssue & { parentSchema?: unknown }) | undefined;
  if (issue?.keyword !== "maxItems") return undefined;
  const limit = limitOfSchema(issue.parentSchema);
  if (!limit) return undefined;
  const field = fieldOf(issue);
  const where = field ? `${error.validationContext ?? "body"}.${field}` : "body";
  return { code: "PAYLOAD_TOO_LARGE", status: 413, message: limitMessage(where, limit), limit };
}

/** Fastify's own client errors (bad JSON, wrong content type, too large) in our codes. */
function classify(error: FastifyError): Classified {
  if (error instanceof ApiError) {
    const { code, statusCode: status, message, limit } = error;
    return { code, status, message, ...(limit ? { limit } : {}) };
  }
  const overLimit = countLimitOf(error);
  if (overLimit) return overLimit;
  if (error.validation) return { code: "VALIDATION_FAILED", status: 400, message: validationMessage(error) };
  const status = error.statusCode ?? 500;
  if (status === 413) return { code: "PAYLOAD_TOO_LARGE", status, message: "request body is too large" };
  if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
    return { code: "VALIDATION_FAILED", status: 400, message: `malformed JSON: ${error.message}` };
  }
  if (status >= 400 && status < 500) return { code: "VALIDATION_FAILED", status, message: error.message };
  if (isDatabaseUnavailable(error)) {
    return { code: "UNAVAILABLE", status: 503, message: "the database is unavailable; retry later" };
  }
  return { code: "INTERNAL", status: 500, message: "internal error" };
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: ErrorCode,
  message: string,
  limit?: LimitRef,
) {
  return reply
    .code(status)
    .send({ error: { code, message, request_id: request.id, ...(limit ? { limit } : {}) } });
}

/** One error shape for everything; the text of 5xx errors stays in the log. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { code, status, message, limit } = classify(error);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    if (error instanceof ApiError) reply.headers(error.headers);
    if (code === "UNAVAILABLE" && !reply.hasHeader("retry-after")) reply.header("retry-after", "1");
    return send(reply, request, status, code, message, limit);
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, "NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0]}`),
  );
}
