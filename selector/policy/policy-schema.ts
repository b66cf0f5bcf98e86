import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, defaultPolicy } from "./default-policy.js";
import { globProblem } from "./match-globs.js";
import type { Policy } from "./types.js";
import type { KeyPath } from "./yaml-positions.js";

/** How a rejected value reads in a message: `"high"`, `2`, `a list`. */
export function describeInput(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "a mapping";
  if (typeof input === "string") return JSON.stringify(input);
  return String(input);
}

/** What is wrong at `path`: a value, or keys its mapping does not allow. */
export type PolicyIssue = { path: KeyPath; message: string } | { path: KeyPath; unknownKeys: string[] };

const required = (input: unknown, expected: string) =>
  input === undefined
    ? `is required (${expected.replace(/^must be /, "")})`
    : `${expected} (got ${describeInput(input)})`;

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Reads the policy's values, each by a small function that answers the value (its default when
 * absent) or records an issue and answers undefined. Hand-written rather than a schema library's:
 * the messages are the product here, and a library's weight in the action's bundle bought none.
 */
class Reader {
  readonly issues: PolicyIssue[] = [];

  fail(path: KeyPath, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }

  /** A mapping allowing `keys`; absent is `{}` (its keys' defaults). */
  mapping(value: unknown, path: KeyPath, keys: readonly string[], expected: string): Mapping | undefined {
    if (value === undefined) return {};
    if (!isMapping(value)) return this.fail(path, required(value, expected));
    const unknownKeys = Object.keys(value).filter((key) => !keys.includes(key));
    if (unknownKeys.length > 0) this.issues.push({ path, unknownKeys });
    return value;
  }

  glob(value: unknown, path: KeyPath): string | undefined {
    if (typeof value !== "string") return this.fail(path, required(value, "must be a glob string"));
    const problem = globProblem(value);
    return problem ? this.fail(path, problem) : value;
  }

  /** A list of globs; a single string is accepted as a list of one, as users write it. */
  globs(value: unknown, path: KeyPath, fallback: readonly string[]): string[] | undefined {
    if (value === undefined) return [...fallback];
    const list = typeof value === "string" ? [value] : value;
    if (!Array.isArray(list)) return this.fail(path, required(value, "must be a glob or a list of globs"));
    const globs = list.map((item, i) => this.glob(item, [...path, i]));
    return globs.every((g) => g !== undefined) ? (globs as string[]) : undefined;
  }

  number(value: unknown, path: KeyPath, fallback: number, expected: string, fits: (n: number) => boolean) {
    if (value === undefined) return fallback;
    if (typeof value === "number" && Number.isFinite(value) && fits(value)) return value;
    return this.fail(path, required(value, expected));
  }

  fraction(value: unknown, path: KeyPath, fallback: number, what: string): number | undefined {
    return this.number(value, path, fallback, `must be ${what} between 0 and 1`, (n) => n >= 0 && n <= 1);
  }

  boolean(value: unknown, path: KeyPath, fallback: boolean): boolean | undefined {
    if (value === undefined) return fallback;
    return typeof value === "boolean" ? value : this.fail(path, required(value, "must be true or false"));
  }
}

const ROOT_KEYS = [
  "version",
  "tests",
  "selection",
  "always_run",
  "run_all_when",
  "run_all_on_workflow_change",
  "dependencies",
  "canary",
  "flaky",
] as const;
const TESTS_KEYS = ["include", "exclude"] as const;
const SELECTION_KEYS = ["confidence_threshold"] as const;
const DEPENDENCY_KEYS = ["files", "tests"] as const;
const CANARY_KEYS = ["full_run_rate", "max_miss_rate", "window"] as const;
const FLAKY_KEYS = ["quarantine"] as const;

/**
 * The keys each mapping allows, by key path with list indexes written `[]`, for "did you mean"
 * and for suggesting the right section when a key sits in the wrong one.
 */
export const KNOWN_KEYS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ["", ROOT_KEYS],
  ["tests", TESTS_KEYS],
  ["selection", SELECTION_KEYS],
  ["dependencies[]", DEPENDENCY_KEYS],
  ["canary", CANARY_KEYS],
  ["flaky", FLAKY_KEYS],
]);

function dependencies(read: Reader, value: unknown): Policy["dependencies"] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    return read.fail(["dependencies"], required(value, "must be a list of {files, tests} mappings"));
  }
  const items = value.map((item, i) => {
    const path = ["dependencies", i];
    if (!isMapping(item)) {
      return read.fail(path, required(item, 'must be a mapping with "files" and "tests" globs'));
    }
    read.mapping(item, path, DEPENDENCY_KEYS, "");
    const files = read.glob(item.files, [...path, "files"]);
    const tests = read.glob(item.tests, [...path, "tests"]);
    return files !== undefined && tests !== undefined ? { files, tests } : undefined;
  });
  return items.every((item) => item !== undefined) ? (items as Policy["dependencies"]) : undefined;
}

/**
 * The policy with its defaults filled in, or every issue found: unknown keys, values of the wrong
 * type or out of range, globs picomatch cannot use. `value` is the YAML as data, nulls dropped.
 */
export function validatePolicy(value: unknown): { policy: Policy } | { issues: PolicyIssue[] } {
  if (!isMapping(value)) {
    return {
      issues: [{ path: [], message: `the policy must be a mapping of keys (got ${describeInput(value)})` }],
    };
  }
  const read = new Reader();
  const d = defaultPolicy();
  read.mapping(value, [], ROOT_KEYS, "");
  let version: 1 | undefined = 1;
  if (value.version !== undefined && value.version !== 1) {
    version = read.fail(
      ["version"],
      `must be 1, the only policy version (got ${describeInput(value.version)})`,
    );
  }
  const tests = read.mapping(value.tests, ["tests"], TESTS_KEYS, "must be a mapping of tests settings");
  const selection = read.mapping(
    value.selection,
    ["selection"],
    SELECTION_KEYS,
    "must be a mapping of selection settings",
  );
  const canary = read.mapping(value.canary, ["canary"], CANARY_KEYS, "must be a mapping of canary settings");
  const flaky = read.mapping(value.flaky, ["flaky"], FLAKY_KEYS, "must be a mapping of flaky settings");
  const policy = {
    version,
    tests: tests && {
      include: read.globs(tests.include, ["tests", "include"], DEFAULT_INCLUDE),
      exclude: read.globs(tests.exclude, ["tests", "exclude"], DEFAULT_EXCLUDE),
    },
    selection: selection && {
      confidence_threshold: read.fraction(
        selection.confidence_threshold,
        ["selection", "confidence_threshold"],
        d.selection.confidence_threshold,
        "a number",
      ),
    },
    always_run: read.globs(value.always_run, ["always_run"], []),
    run_all_when: read.globs(value.run_all_when, ["run_all_when"], []),
    run_all_on_workflow_change: read.boolean(
      value.run_all_on_workflow_change,
      ["run_all_on_workflow_change"],
      d.run_all_on_workflow_change,
    ),
    dependencies: dependencies(read, value.dependencies),
    canary: canary && {
      full_run_rate: read.fraction(
        canary.full_run_rate,
        ["canary", "full_run_rate"],
        d.canary.full_run_rate,
        "a rate",
      ),
      max_miss_rate: read.fraction(
        canary.max_miss_rate,
        ["canary", "max_miss_rate"],
        d.canary.max_miss_rate,
        "a rate",
      ),
      window: read.number(
        canary.window,
        ["canary", "window"],
        d.canary.window,
        "must be a whole number of runs, at least 1",
        (n) => Number.isInteger(n) && n >= 1,
      ),
    },
    flaky: flaky && {
      quarantine: read.boolean(flaky.quarantine, ["flaky", "quarantine"], d.flaky.quarantine),
    },
  };
  // No issue means every reader answered a value: the object is a whole Policy.
  return read.issues.length > 0 ? { issues: read.issues } : { policy: policy as Policy };
}
