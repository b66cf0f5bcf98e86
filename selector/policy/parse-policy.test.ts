import { describe, expect, it } from "vitest";
import { isDefaultInclude } from "./default-policy.js";
import { defaultPolicy, parsePolicy } from "./parse-policy.js";
import { PolicyError } from "./policy-error.js";
import { validatePolicy } from "./policy-schema.js";

const FILE = ".superplane/policy.yml";

function failure(text: string): PolicyError {
  try {
    parsePolicy(text, FILE);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("expected a PolicyError");
}

describe("parsePolicy defaults", () => {
  it("fills every default from DESIGN", () => {
    expect(defaultPolicy()).toEqual({
      version: 1,
      tests: {
        include: ["**/*.{test,spec,test-d,spec-d}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
        exclude: ["**/node_modules/**"],
      },
      selection: { confidence_threshold: 0.85 },
      always_run: [],
      run_all_when: [],
      run_all_on_workflow_change: true,
      dependencies: [],
      canary: { full_run_rate: 0.1, max_miss_rate: 0.01, window: 50 },
      flaky: { quarantine: true },
    });
  });

  it("the plain defaults (no zod loaded) are what the schema fills into an empty policy", () => {
    expect(validatePolicy({})).toEqual({ policy: defaultPolicy() });
    // A copy each time: a caller changing its policy changes no one else's.
    expect(defaultPolicy().tests.include).not.toBe(defaultPolicy().tests.include);
  });

  it("treats an empty file, or one of only comments, as the defaults", () => {
    expect(parsePolicy("", FILE)).toEqual(defaultPolicy());
    expect(parsePolicy("# nothing yet\n\n# really\n", FILE)).toEqual(defaultPolicy());
  });

  it("treats a key without a value as its defaults", () => {
    expect(parsePolicy("canary:\nalways_run:\n", FILE)).toEqual(defaultPolicy());
  });

  it("returns fresh objects each time", () => {
    const policy = defaultPolicy();
    policy.always_run.push("x/**");
    expect(defaultPolicy().always_run).toEqual([]);
  });

  it("parses the DESIGN example", () => {
    const text = `version: 1
tests:
  include: ["**/*.{test,spec,test-d}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"]
  exclude: ["**/node_modules/**"]
selection:
  confidence_threshold: 0.85
always_run: ["test/smoke/**"]
run_all_when: [".github/workflows/**", "scripts/ci/**"]
dependencies:
  - files: "fixtures/users/**"
    tests: "test/users/**"
canary: { full_run_rate: 0.1, max_miss_rate: 0.01, window: 50 }
flaky: { quarantine: true }
`;
    expect(parsePolicy(text, FILE)).toEqual({
      ...defaultPolicy(),
      // DESIGN's default as written; isDefaultInclude reads it as today's (which adds *.spec-d.*).
      tests: {
        ...defaultPolicy().tests,
        include: ["**/*.{test,spec,test-d}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
      },
      always_run: ["test/smoke/**"],
      run_all_when: [".github/workflows/**", "scripts/ci/**"],
      dependencies: [{ files: "fixtures/users/**", tests: "test/users/**" }],
    });
  });
});

describe("parsePolicy merging", () => {
  it("keeps the other defaults of a partial section", () => {
    const policy = parsePolicy("canary: {window: 20}\ntests:\n  exclude: ['vendor/**']\n", FILE);
    expect(policy.canary).toEqual({ full_run_rate: 0.1, max_miss_rate: 0.01, window: 20 });
    expect(policy.tests.include).toEqual(defaultPolicy().tests.include);
    expect(policy.tests.exclude).toEqual(["vendor/**"]);
  });

  it("accepts a single glob where a list is expected", () => {
    const policy = parsePolicy("always_run: test/smoke/**\ntests:\n  include: '**/*.e2e.ts'\n", FILE);
    expect(policy.always_run).toEqual(["test/smoke/**"]);
    expect(policy.tests.include).toEqual(["**/*.e2e.ts"]);
  });

  it("accepts the threshold bounds and version 1", () => {
    expect(
      parsePolicy("version: 1\nselection: {confidence_threshold: 0}", FILE).selection.confidence_threshold,
    ).toBe(0);
    expect(parsePolicy("selection: {confidence_threshold: 1}", FILE).selection.confidence_threshold).toBe(1);
  });
});

describe("parsePolicy errors", () => {
  it("names file, line, column and key of a bad threshold", () => {
    const error = failure("version: 1\nalways_run: []\nselection:\n  confidence_threshold: high\n");
    expect(error.message).toBe(
      '.superplane/policy.yml:4:3: selection.confidence_threshold: must be a number between 0 and 1 (got "high")',
    );
    expect([error.file, error.line, error.column, error.key]).toEqual([
      FILE,
      4,
      3,
      "selection.confidence_threshold",
    ]);
  });

  it("rejects a threshold out of range", () => {
    expect(failure("selection:\n  confidence_threshold: 1.5\n").message).toBe(
      ".superplane/policy.yml:2:3: selection.confidence_threshold: must be a number between 0 and 1 (got 1.5)",
    );
  });

  it("points an unknown key at the key itself, with a suggestion", () => {
    const error = failure("version: 1\nalways_runs:\n  - test/smoke/**\n");
    expect(error.message).toBe(
      '.superplane/policy.yml:2:1: always_runs: unknown key "always_runs" (did you mean "always_run"?)',
    );
  });

  it("suggests the section of a key written in the wrong place", () => {
    expect(failure("confidence_threshold: 0.9\n").message).toContain(
      'did you mean "selection.confidence_threshold"?',
    );
  });

  it("lists the allowed keys when no key is close", () => {
    expect(failure("canary:\n  banana: 1\n").message).toBe(
      '.superplane/policy.yml:2:3: canary.banana: unknown key "banana" (expected one of: full_run_rate, max_miss_rate, window)',
    );
  });

  it("points a missing dependencies key at its item", () => {
    const text = 'dependencies:\n  - files: "a/**"\n    tests: "b/**"\n  - files: "fixtures/**"\n';
    const error = failure(text);
    expect(error.message).toBe(
      ".superplane/policy.yml:4:5: dependencies[1].tests: is required (a glob string)",
    );
    expect(error.key).toBe("dependencies[1].tests");
  });

  it("maps a YAML indentation error to the same class", () => {
    const error = failure("tests:\n  include: ['**/*.test.ts']\n exclude: []\n");
    expect(error).toBeInstanceOf(PolicyError);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^\.superplane\/policy\.yml:3:\d+: invalid YAML: /);
    expect(error.message).not.toContain("\n");
  });

  it("rejects version 2", () => {
    expect(failure("version: 2\n").message).toBe(
      ".superplane/policy.yml:1:1: version: must be 1, the only policy version (got 2)",
    );
  });

  it("rejects a window of 0 and a fractional window", () => {
    expect(failure("canary:\n  window: 0\n").message).toBe(
      ".superplane/policy.yml:2:3: canary.window: must be a whole number of runs, at least 1 (got 0)",
    );
    expect(failure("canary: {window: 2.5}\n").key).toBe("canary.window");
  });

  it("rejects a glob picomatch cannot compile, at the list item", () => {
    const error = failure('always_run:\n  - "test/smoke/**"\n  - "test/[unit/**"\n');
    expect([error.line, error.column, error.key]).toEqual([3, 5, "always_run[1]"]);
    expect(error.message).toContain('invalid glob "test/[unit/**"');
  });

  it("rejects negated globs and wrong types", () => {
    expect(failure("run_all_when: ['!docs/**']\n").message).toContain("negated globs are not supported");
    expect(failure("run_all_when: 3\n").message).toBe(
      ".superplane/policy.yml:1:1: run_all_when: must be a glob or a list of globs (got 3)",
    );
    expect(failure("flaky: {quarantine: 'yes'}\n").message).toContain('must be true or false (got "yes")');
    expect(failure("- a\n- b\n").message).toBe(
      ".superplane/policy.yml:1:1: the policy must be a mapping of keys (got a list)",
    );
  });

  it("collects every problem, in file order, and counts the rest in the message", () => {
    const text =
      "version: 2\nselection:\n  confidence_threshold: high\nalways_runs: []\ncanary: {window: 0}\n";
    const error = failure(text);
    expect(error.message).toBe(
      ".superplane/policy.yml:1:1: version: must be 1, the only policy version (got 2) (+3 more)",
    );
    expect(error.errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [1, 1, "version"],
      [3, 3, "selection.confidence_threshold"],
      [4, 1, "always_runs"],
      [5, 10, "canary.window"],
    ]);
  });

  it("reads run_all_on_workflow_change as a boolean", () => {
    expect(parsePolicy("run_all_on_workflow_change: false\n", FILE).run_all_on_workflow_change).toBe(false);
    expect(failure("run_all_on_workflow_change: no-thanks\n").message).toBe(
      '.superplane/policy.yml:1:1: run_all_on_workflow_change: must be true or false (got "no-thanks")',
    );
  });
});

describe("isDefaultInclude", () => {
  it("takes today's default and the earlier one written out, nothing else", () => {
    expect(isDefaultInclude(defaultPolicy().tests.include)).toBe(true);
    expect(isDefaultInclude(["**/*.{test,spec,test-d}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"])).toBe(true);
    expect(isDefaultInclude(["**/*.test.ts"])).toBe(false);
  });
});
