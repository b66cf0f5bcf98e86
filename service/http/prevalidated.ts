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
