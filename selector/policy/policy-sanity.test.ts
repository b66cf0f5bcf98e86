import { describe, expect, it } from "vitest";
import { parsePolicy } from "./parse-policy.js";
import { checkPolicyGlobs } from "./policy-sanity.js";

const PATHS = ["src/lib.ts", "test/lib.test.ts", "test/smoke/boot.test.ts", "fixtures/users/a.json"];

const check = (text: string, paths = PATHS) => checkPolicyGlobs(parsePolicy(text, "p.yml"), text, paths);

describe("checkPolicyGlobs", () => {
  it("a policy whose globs all match has no problem", () => {
    const text = [
      "tests:",
      '  include: ["test/**/*.test.ts"]',
      'always_run: ["test/smoke/**"]',
      'run_all_when: ["src/lib.ts"]',
      "dependencies:",
      '  - files: "fixtures/users/**"',
      '    tests: "test/lib.test.ts"',
      "",
    ].join("\n");
    expect(check(text)).toEqual({ warnings: [] });
  });

  it("tests.include matching no file is an error at its line", () => {
    const { error } = check('version: 1\ntests:\n  include: ["spec/**/*.spec.ts"]\n');
    expect(error).toMatchObject({ line: 3, column: 3, key: "tests.include" });
    expect(error?.message).toContain('matches no file ("spec/**/*.spec.ts")');
  });

  it("says so when the include matches only what tests.exclude takes away", () => {
    const { error } = check('tests:\n  include: ["test/**"]\n  exclude: ["test/**"]\n');
    expect(error?.message).toContain("matches no file that tests.exclude leaves");
  });

  it("an include glob that adds nothing beside others that match is a warning", () => {
    const { error, warnings } = check('tests:\n  include:\n    - "test/**/*.test.ts"\n    - "e2e/**"\n');
    expect(error).toBeUndefined();
    expect(warnings).toEqual([
      { line: 4, column: 7, key: "tests.include[1]", message: '"e2e/**" matches no file: it adds no test' },
    ]);
  });

  it("the default include matching nothing is no error, written out or not: runner globs add to it", () => {
    expect(check("version: 1\n", ["src/lib.ts"]).error).toBeUndefined();
    const written = 'tests:\n  include: ["**/*.{test,spec,test-d}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"]\n';
    expect(check(written, ["src/lib.ts"]).error).toBeUndefined();
  });

  it("always_run, run_all_when and dependencies entries that match nothing are warnings at their lines", () => {
    const text = [
      "always_run:",
      '  - "test/smoke/**"',
      '  - "test/smok/**"',
      'run_all_when: "scripts/ci/**"',
      "dependencies:",
      '  - files: "fixture/users/**"',
      '    tests: "test/user/**"',
      "",
    ].join("\n");
    expect(check(text).warnings.map((w) => `${w.line} ${w.key} ${w.message}`)).toEqual([
      '3 always_run[1] "test/smok/**" matches no file: it selects no test',
      '4 run_all_when[0] "scripts/ci/**" matches no file: it fires only once such a file is added',
      '6 dependencies[0].files "fixture/users/**" matches no file: the dependency never fires',
      '7 dependencies[0].tests "test/user/**" matches no file: the dependency selects no test',
    ]);
  });
});
