import { posix } from "node:path";
import type { TopStatement } from "./function-units.js";
import type { CoverageRecord } from "./types.js";
import { loadsOf } from "./unit-changes.js";

/** The revision under test, as the check of an added load reads it. */
export interface LoadContext {
  /** The file a relative specifier names from `from`, or undefined (a package, or nothing there). */
  resolve(from: string, specifier: string): string | undefined;
  /** The file's top-level statements at the revision, or undefined when it cannot be read so. */
  statementsOf(path: string): readonly TopStatement[] | undefined;
}

/** How far through new modules' own loads the check follows before it gives up. */
const MAX_DEPTH = 4;

/**
 * Whether a test can see a module that `importer` now loads and did not. It cannot when loading it
 * runs nothing new: the module was loaded before the importer started loading in the recorded run
 * (so it is loaded already, and stays first), or all it does on load is define functions, types and
 * plain values and load modules that are such in turn (then when it loads does not matter, whether
 * it is new to the test or was loaded later). Anything else is a change.
 */
export function addedLoadIsInert(
  context: LoadContext,
  record: CoverageRecord,
  importer: string,
  specifier: string,
): boolean {
  const order = new Map(
    record.files.flatMap((f) => (f.order === undefined ? [] : [[f.path, f.order] as const])),
  );
  const before = order.get(importer);
  if (before === undefined) return false;
  const visited = new Set<string>();
  const inert = (from: string, spec: string, depth: number): boolean => {
    const target = context.resolve(from, spec);
    if (target === undefined) return false;
    // Loaded before the importer started: it stays loaded first, and nothing of it runs again.
    const loaded = order.get(target);
    if (loaded !== undefined && loaded < before) return true;
    if (loaded === undefined && record.files.some((f) => f.path === target)) return false;
    // New to the test, or loaded at another time now: harmless when loading it runs no code.
    if (visited.has(target)) return true;
    if (depth >= MAX_DEPTH) return false;
    visited.add(target);
    const statements = context.statementsOf(target);
    if (!statements) return false;
    if (statements.some((s) => s.role === "effect")) return false;
    return loadsOf(statements).every((next) => inert(target, next, depth + 1));
  };
  return inert(importer, specifier, 0);
}

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const JS_TO_TS: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

/**
 * Resolves a relative specifier against a set of repository paths the way TypeScript projects
 * write them: as written, `.js` naming a `.ts` file, no extension, or a folder's index. Anything
 * else (packages, aliases) is undefined: the caller treats it as unknown.
 */
export function resolveRelative(
  paths: ReadonlySet<string>,
  from: string,
  specifier: string,
): string | undefined {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  if (base.startsWith("../")) return undefined;
  const ext = posix.extname(base);
  const stem = ext ? base.slice(0, -ext.length) : base;
  const candidates = [
    base,
    ...(JS_TO_TS[ext] ?? []).map((swap) => `${stem}${swap}`),
    ...EXTENSIONS.map((e) => `${base}${e}`),
    ...EXTENSIONS.map((e) => `${base}/index${e}`),
  ];
  return candidates.find((candidate) => paths.has(candidate));
}
