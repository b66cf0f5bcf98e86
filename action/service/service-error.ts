/** Why the service could not be used; the action then runs every test and says this. */
export type ServiceErrorCode =
  | "UNREACHABLE"
  | "TIMEOUT"
  | "BAD_RESPONSE"
  | "UNAUTHORIZED"
  | "SCOPE_DENIED"
  | "NOT_FOUND"
  | "CONFLICT"
  | "VALIDATION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "POLICY_INVALID"
  | "RATE_LIMITED"
  | "INTERNAL"
  | "UNAVAILABLE"
  | "NOT_CONFIGURED";

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
