import { exports as matchExports, imports as matchImports, type Options } from "resolve.exports";
import type { Manifest } from "./manifests.js";

/**
 * Conditions a source-level graph cares about. Order does not set priority (the package's key order
 * does), so every condition is also asked alone: when the first target names no file (say `types`
 * points at an unbuilt .d.ts with no source twin), the `import` or `source` target may still.
 */
export const CONDITIONS = ["types", "import", "require", "node", "default", "development", "source"] as const;

/** Every condition name the field uses (`"@zod/source"`, `"browser"`…), so custom ones are asked too. */
function conditionsIn(field: unknown, into = new Set<string>()): Set<string> {
  if (field === null || typeof field !== "object") return into;
  for (const [key, value] of Object.entries(field)) {
    if (!key.startsWith(".") && !key.startsWith("#")) into.add(key);
    conditionsIn(value, into);
  }
  return into;
}

/**
 * The conditions on the way to each target (`{ import: { development: "./dev.ts" } }` gives
 * `import, development`): asked as a set, they reach a target that no single condition does.
 */
function conditionPaths(field: unknown, path: string[] = [], into = new Map<string, string[]>()) {
  if (field === null || typeof field !== "object") {
    if (path.length > 0) into.set(path.join("\0"), path);
    return into;
  }
  for (const [key, value] of Object.entries(field)) {
    const isCondition = !key.startsWith(".") && !key.startsWith("#") && !Array.isArray(field);
    conditionPaths(value, isCondition ? [...path, key] : path, into);
  }
  return into;
}

type Matcher = (pkg: Manifest & { name: string }, entry: string, options: Options) => string[] | undefined;

const exportsMatcher: Matcher = (pkg, entry, options) => matchExports(pkg, entry, options) ?? undefined;
const importsMatcher: Matcher = (pkg, entry, options) => matchImports(pkg, entry, options) ?? undefined;

/**
 * Targets lazily: the full condition list first (usually enough), then each condition alone, so
 * the extra matching work happens only when the earlier targets named no file.
 */
const named = new WeakMap<Manifest, Manifest & { name: string }>();

/** resolve.exports wants a `name`; copy the manifest once, not per lookup. */
function withName(manifest: Manifest): Manifest & { name: string } {
  let pkg = named.get(manifest);
  if (!pkg) {
    pkg = { ...manifest, name: typeof manifest.name === "string" ? manifest.name : "" };
    named.set(manifest, pkg);
  }
  return pkg;
}

function* collect(matcher: Matcher, manifest: Manifest, entry: string, field: unknown): Generator<string> {
  const pkg = withName(manifest);
  const seen = new Set<string>();
  // Custom conditions often name the source itself (`"@zod/source": "./src/index.ts"`).
  const all = [...new Set([...CONDITIONS, ...conditionsIn(field)])];
  const sets: (readonly string[])[] = [all, ...conditionPaths(field).values(), ...all.map((c) => [c])];
  for (const conditions of sets) {
    let found: string[] | undefined;
    try {
      found = matcher(pkg, entry, { conditions, unsafe: true });
    } catch {
      // resolve.exports throws when the entry is not mapped at all; no other condition set will map it.
      if (seen.size === 0) return;
      continue;
    }
    for (const target of found ?? []) {
      if (seen.has(target)) continue;
      seen.add(target);
      yield target;
    }
  }
}

/** Targets of `exports` for `entry` ("." or "./sub"), in the package's preference order. */
export function exportTargets(manifest: Manifest, entry: string): Iterable<string> {
  return manifest.exports === undefined ? [] : collect(exportsMatcher, manifest, entry, manifest.exports);
}

/** Targets of `imports` for a `#name` specifier: package paths (`./x`) or other specifiers. */
export function importTargets(manifest: Manifest, specifier: string): Iterable<string> {
  return manifest.imports === undefined ? [] : collect(importsMatcher, manifest, specifier, manifest.imports);
}
