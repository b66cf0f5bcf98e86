import type { EncodedCoverage } from "../storage/coverage-encoding.js";

/**
 * Bodies a worker already validated against the route's schema (body-parsing.ts), with the same
 * compiler the route uses: validating them again here would block the event loop for nothing.
 */
const validated = new WeakSet<object>();
/** Their idempotency fingerprints, when asked for: hashing a large body here would block too. */
const fingerprints = new WeakMap<object, string>();

export function markValidated(body: unknown): void {
  if (body && typeof body === "object") validated.add(body);
}

export function keepFingerprint(body: unknown, fingerprint: string): void {
  if (body && typeof body === "object") fingerprints.set(body, fingerprint);
}

export function fingerprintOf(body: unknown): string | undefined {
  return body && typeof body === "object" ? fingerprints.get(body) : undefined;
}

export function wasValidated(body: unknown): boolean {
  return !!body && typeof body === "object" && validated.has(body);
}

/**
 * Coverage uploads a worker encoded in their stored form (body-work.ts): the body the route sees
 * then holds no records, and this is what it stores.
 */
const encodedUploads = new WeakMap<object, EncodedCoverage>();

export function keepEncodedCoverage(body: object, encoded: EncodedCoverage): void {
  encodedUploads.set(body, encoded);
}

export function encodedCoverageOf(body: unknown): EncodedCoverage | undefined {
  return body && typeof body === "object" ? encodedUploads.get(body) : undefined;
}
