import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-superplane-signature";

/** How old a delivery a receiver accepts; older ones are replays (or clocks far apart). */
export const SIGNATURE_TOLERANCE_S = 300;

const hmac = (secret: string, t: number, body: string) =>
  createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under the webhook's secret, as Stripe
 * signs: the timestamp is signed with the body, so a captured delivery cannot be replayed later
 * with a fresh one.
 */
export function signPayload(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

/**
 * What a receiver runs on the raw body it got (before parsing it): the timestamp within five
 * minutes of `now`, and any `v1` matching in constant time, so a caller cannot learn the signature
 * a byte at a time.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  now: Date,
  toleranceS = SIGNATURE_TOLERANCE_S,
): boolean {
  if (!header) return false;
  const parts = header.split(",").map((part) => part.trim().split("="));
  const t = Number(parts.find(([key]) => key === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceS) return false;
  const expected = Buffer.from(hmac(secret, t, body));
  return parts.some(([key, value]) => {
    if (key !== "v1" || value === undefined) return false;
    const given = Buffer.from(value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
