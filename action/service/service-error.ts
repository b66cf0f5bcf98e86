import type { ErrorCode } from "../../contract/error-codes.js";

/**
 * Why the service could not be used; the action then runs every test and says this. The API's own
 * codes (contract/error-codes.ts), and what goes wrong before or outside an answer.
 */
export type ServiceErrorCode = ErrorCode | "UNREACHABLE" | "TIMEOUT" | "BAD_RESPONSE" | "NOT_CONFIGURED";

export class ServiceError extends Error {
  override name = "ServiceError";
  readonly code: ServiceErrorCode;
  readonly status: number | undefined;

  constructor(code: ServiceErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}
