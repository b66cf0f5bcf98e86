import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-superplane-signature";

/** `sha256=<hex HMAC-SHA256 of the body under the webhook's secret>`, as GitHub signs its hooks. */
export function signPayload(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * What a receiver runs on the raw body it got (before parsing it): constant-time, so a caller
 * cannot learn the signature a byte at a time.
 */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signPayload(secret, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
