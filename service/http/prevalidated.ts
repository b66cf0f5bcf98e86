/**
 * Bodies a worker already validated against the route's schema (body-parsing.ts), with the same
 * compiler the route uses: validating them again here would block the event loop for nothing.
 */
const validated = new WeakSet<object>();

export function markValidated(body: unknown): void {
  if (body && typeof body === "object") validated.add(body);
}

export function wasValidated(body: unknown): boolean {
  return !!body && typeof body === "object" && validated.has(body);
}
