import { ERROR_STATUS, type ErrorCode } from "../contract/error-codes.js";

export type { ErrorCode };

/** An error the API answers as `{"error": {code, message, request_id}}`; the message is shown. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.statusCode = ERROR_STATUS[code];
    this.headers = options?.headers ?? {};
  }

  readonly headers: Record<string, string>;
}

export const notFound = (what: string, id: string) => new ApiError("NOT_FOUND", `${what} ${id} not found`);
