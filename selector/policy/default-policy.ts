import type { Policy } from "./types.js";

export const DEFAULT_INCLUDE = ["**/*.{test,spec,test-d,spec-d}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"];
/** The default before `*.spec-d.*` (Vitest's typecheck default) joined it: written out, it still means the default. */
const EARLIER_DEFAULT_INCLUDE = ["**/*.{test,spec,test-d}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"];

/**
 * Whether a policy's `tests.include` is the default, written out or not: the runners' own test globs
 * are then added to it, and a policy that copied an earlier default gets today's.
 */
export function isDefaultInclude(include: readonly string[]): boolean {
  const same = (globs: readonly string[]) =>
    include.length === globs.length && include.every((glob, i) => glob === globs[i]);
  return same(DEFAULT_INCLUDE) || same(EARLIER_DEFAULT_INCLUDE);
}
export const DEFAULT_EXCLUDE = ["**/node_modules/**"];

/**
 * The policy when there is no policy file. Plain data rather than the validation of `{}`: a
 * selection without a policy file then never loads yaml and the validator. policy-schema.ts takes
 * its defaults from here, so the two agree.
 */
export function defaultPolicy(): Policy {
  return {
    version: 1,
    tests: { include: [...DEFAULT_INCLUDE], exclude: [...DEFAULT_EXCLUDE] },
    selection: { confidence_threshold: 0.85 },
    always_run: [],
    run_all_when: [],
    run_all_on_workflow_change: true,
    dependencies: [],
    canary: { full_run_rate: 0.1, max_miss_rate: 0.01, window: 50 },
    flaky: { quarantine: true },
  };
}
