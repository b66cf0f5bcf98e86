import { ERROR_STATUS, type ErrorCode } from "../contract/error-codes.js";
import type { LimitRef } from "../contract/limits.js";

export type { ErrorCode };

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
    this.statusCode = options?.status ?? ERROR_STATUS[code];
    this.headers = options?.headers ?? {};
    if (options?.limit) this.limit = options.limit;
  }

  readonly headers: Record<string, string>;
  readonly limit?: LimitRef;
}

export const notFound = (what: string, id: string) => new ApiError("NOT_FOUND", `${what} ${id} not found`);
