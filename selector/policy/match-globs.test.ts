import { describe, expect, it } from "vitest";
import { compileGlobs, expandGlob, globProblem, includeExclude, isTestFile } from "./match-globs.js";
import { defaultPolicy } from "./parse-policy.js";

describe("compileGlobs", () => {
  it("follows picomatch: a pattern without a slash matches only at the root", () => {
    const matches = compileGlobs(["*.test.ts"]);
    expect(matches("a.test.ts")).toBe(true);
    expect(matches("src/a.test.ts")).toBe(false);
    expect(compileGlobs(["**/*.test.ts"])("src/deep/a.test.ts")).toBe(true);
  });

  it("matches dot files and dot directories", () => {
    expect(compileGlobs([".github/**"])(".github/workflows/ci.yml")).toBe(true);
    expect(compileGlobs(["**/*.cjs"])("config/.eslintrc.cjs")).toBe(true);
    expect(compileGlobs(["**/*.test.ts"])(".storybook/x.test.ts")).toBe(true);
  });

  it("treats a bare directory, with or without a trailing slash, as everything under it", () => {
    for (const glob of ["scripts/ci", "scripts/ci/", "./scripts/ci"]) {
      const matches = compileGlobs([glob]);
      expect(matches("scripts/ci/deploy.sh")).toBe(true);
      expect(matches("scripts/ci/nested/x.ts")).toBe(true);
      expect(matches("scripts/cid/x.sh")).toBe(false);
      expect(matches("other/scripts/ci/x.sh")).toBe(false);
    }
    expect(compileGlobs(["package.json"])("package.json")).toBe(true);
    expect(compileGlobs(["packages/*/"])("packages/a/src/x.ts")).toBe(true);
  });

  it("matches nothing for an empty list, and any of several globs", () => {
    expect(compileGlobs([])("a.ts")).toBe(false);
    const matches = compileGlobs(["a/**", "b/**"]);
    expect([matches("a/x"), matches("b/y"), matches("c/z")]).toEqual([true, true, false]);
  });

  it("expands globs the documented way", () => {
    expect(expandGlob("src/**/*.ts")).toEqual(["src/**/*.ts"]);
    expect(expandGlob("/scripts/ci")).toEqual(["scripts/ci", "scripts/ci/**"]);
  });
});

describe("globProblem", () => {
  it("accepts valid globs and rejects unbalanced ones, empty ones and negations", () => {
    expect(globProblem("**/*.{ts,tsx}")).toBeUndefined();
    expect(globProblem("src/[ab]/*.ts")).toBeUndefined();
    expect(globProblem("**/*.{ts")).toMatch(/^invalid glob "\*\*\/\*\.\{ts": /);
    expect(globProblem("a/[b")).toMatch(/invalid glob/);
    expect(globProblem(" ")).toBe("must be a non-empty glob");
    expect(globProblem("!docs/**")).toMatch(/negated globs are not supported/);
  });
});

describe("isTestFile", () => {
  it("is include and not exclude", () => {
    const isTest = isTestFile(defaultPolicy());
    expect(isTest("src/user.test.ts")).toBe(true);
    expect(isTest("src/user.spec.mjs")).toBe(true);
    expect(isTest("types/api.test-d.ts")).toBe(true);
    expect(isTest("src/user.ts")).toBe(false);
    expect(isTest("node_modules/zod/a.test.js")).toBe(false);
    expect(isTest("packages/a/node_modules/b/c.test.ts")).toBe(false);
  });

  it("applies exclude over include", () => {
    const matches = includeExclude(["test/**"], ["test/fixtures"]);
    expect(matches("test/a.test.ts")).toBe(true);
    expect(matches("test/fixtures/a.test.ts")).toBe(false);
  });
});
