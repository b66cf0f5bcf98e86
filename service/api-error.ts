import type { LimitRef } from "./schemas/limits.js";

export type ErrorCode =
  | "UNAUTHORIZED"
  | "SCOPE_DENIED"
  | "NOT_FOUND"
  | "CONFLICT"
  | "VALIDATION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "POLICY_INVALID"
  | "RATE_LIMITED"
  | "INTERNAL"
  | "UNAVAILABLE";

export const STATUS_OF: Record<ErrorCode, number> = {
  UNAUTHORIZED: 401,
  SCOPE_DENIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  POLICY_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** An error the API answers as `{"error": {code, message, request_id}}`; the message is shown. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: {
      cause?: unknown;
      headers?: Record<string, string>;
      /** The count limit the request went past, named in the answer. */
      limit?: LimitRef;
      /** Another 4xx than the code's own (415 for an encoding the service cannot read). */
      status?: number;
    },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.statusCode = options?.status ?? STATUS_OF[code];
    this.headers = options?.headers ?? {};
    if (options?.limit) this.limit = options.limit;
  }

  readonly headers: Record<string, string>;
  readonly limit?: LimitRef;
}

export const notFound = (what: string, id: string) => new ApiError("NOT_FOUND", `${what} ${id} not found`);
