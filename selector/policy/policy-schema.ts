import { z } from "zod";
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, defaultPolicy } from "./default-policy.js";
import { globProblem } from "./match-globs.js";

/** How a rejected value reads in a message: `"high"`, `2`, `a list`. */
export function describeInput(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "a mapping";
  if (typeof input === "string") return JSON.stringify(input);
  return String(input);
}

const required = (input: unknown, expected: string) =>
  input === undefined
    ? `is required (${expected.replace(/^must be /, "")})`
    : `${expected} (got ${describeInput(input)})`;

const glob = z
  .string({ error: (iss) => required(iss.input, "must be a glob string") })
  .superRefine((value, ctx) => {
    const problem = globProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
  });

/** A list of globs; a single string is accepted as a list of one, as users write it. */
const globList = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value),
  z.array(glob, { error: (iss) => required(iss.input, "must be a glob or a list of globs") }),
);

const fraction = (what: string) =>
  z
    .number({ error: (iss) => required(iss.input, `must be ${what} between 0 and 1`) })
    .min(0)
    .max(1);

export { DEFAULT_INCLUDE };

const DEFAULTS = defaultPolicy();

const testsShape = {
  include: globList.default(DEFAULT_INCLUDE),
  exclude: globList.default(DEFAULT_EXCLUDE),
};
const selectionShape = {
  confidence_threshold: fraction("a number").default(DEFAULTS.selection.confidence_threshold),
};
const dependencyShape = { files: glob, tests: glob };
const canaryShape = {
  full_run_rate: fraction("a rate").default(DEFAULTS.canary.full_run_rate),
  max_miss_rate: fraction("a rate").default(DEFAULTS.canary.max_miss_rate),
  window: z
    .number({ error: (iss) => required(iss.input, "must be a whole number of runs, at least 1") })
    .int()
    .min(1)
    .default(DEFAULTS.canary.window),
};
const flakyShape = {
  quarantine: z
    .boolean({ error: (iss) => required(iss.input, "must be true or false") })
    .default(DEFAULTS.flaky.quarantine),
};

const mappingOf = (name: string) => ({
  error: (iss: { input?: unknown }) => required(iss.input, `must be a mapping of ${name} settings`),
});

const rootShape = {
  version: z
    .literal(1, { error: (iss) => `must be 1, the only policy version (got ${describeInput(iss.input)})` })
    .default(DEFAULTS.version),
  tests: z.strictObject(testsShape, mappingOf("tests")).prefault({}),
  selection: z.strictObject(selectionShape, mappingOf("selection")).prefault({}),
  always_run: globList.default([]),
  run_all_when: globList.default([]),
  run_all_on_workflow_change: z
    .boolean({ error: (iss) => required(iss.input, "must be true or false") })
    .default(DEFAULTS.run_all_on_workflow_change),
  dependencies: z
    .array(
      z.strictObject(dependencyShape, {
        error: (iss) => required(iss.input, 'must be a mapping with "files" and "tests" globs'),
      }),
      { error: (iss) => required(iss.input, "must be a list of {files, tests} mappings") },
    )
    .default([]),
  canary: z.strictObject(canaryShape, mappingOf("canary")).prefault({}),
  flaky: z.strictObject(flakyShape, mappingOf("flaky")).prefault({}),
};

export const policySchema = z.strictObject(rootShape, {
  error: (iss) => `the policy must be a mapping of keys (got ${describeInput(iss.input)})`,
});

/**
 * The keys each mapping allows, by key path with list indexes written `[]`, for "did you mean"
 * and for suggesting the right section when a key sits in the wrong one.
 */
export const KNOWN_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ["", Object.keys(rootShape)],
  ["tests", Object.keys(testsShape)],
  ["selection", Object.keys(selectionShape)],
  ["dependencies[]", Object.keys(dependencyShape)],
  ["canary", Object.keys(canaryShape)],
  ["flaky", Object.keys(flakyShape)],
]);
