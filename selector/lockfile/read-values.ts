/** Narrowing helpers for parsed lockfile data, which is untrusted JSON or YAML. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A scalar as text, "" for anything else. */
export function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : "";
}

/** The keys of every dependency map given (missing or malformed maps count as empty). */
export function dependencyNames(...maps: unknown[]): string[] {
  const names = new Set<string>();
  for (const map of maps) if (isRecord(map)) for (const name of Object.keys(map)) names.add(name);
  return [...names];
}

/** The fields of an entry that list what it depends on, in the spelling every format shares. */
export function entryDependencies(entry: Record<string, unknown>): string[] {
  return dependencyNames(entry.dependencies, entry.optionalDependencies, entry.peerDependencies);
}
