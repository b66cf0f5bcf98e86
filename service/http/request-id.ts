import type { IncomingMessage } from "node:http";
import { newId } from "../random-id.js";

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A caller's `X-Request-Id` is kept so one id follows a request across systems; anything that
 * could forge log lines (control characters, huge values) is replaced by a fresh id.
 */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers["x-request-id"];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && SAFE_ID.test(value) ? value : newId("req");
}
