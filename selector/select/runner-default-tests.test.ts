import { describe, expect, it } from "vitest";
import { defaultTestMatcher, runnerDefaultTests } from "./runner-default-tests.js";

function matcherOf(files: Record<string, string>) {
  return defaultTestMatcher(runnerDefaultTests(Object.keys(files), (path) => files[path]));
}

describe("Jest's own test files", () => {
  it("runs every script under __tests__ in a package whose scripts start Jest and that declares no testMatch", () => {
    const isTest = matcherOf({
      "package.json": JSON.stringify({ scripts: { test: "jest --ci" }, devDependencies: { jest: "30.0.0" } }),
    });
    expect(isTest("src/__tests__/math.js")).toBe(true);
    expect(isTest("src/__tests__/deep/util.ts")).toBe(true);
    expect(isTest("src/math.js")).toBe(false);
  });

  it("leaves a project's testMatch to the runner globs, and a Vitest-only package alone", () => {
    expect(
      matcherOf({ "jest.config.js": `module.exports = { testMatch: ["**/*.check.js"] };` })(
        "src/__tests__/math.js",
      ),
    ).toBe(false);
    expect(
      matcherOf({ "package.json": JSON.stringify({ devDependencies: { vitest: "4.0.0" } }) })(
        "src/__tests__/math.js",
      ),
    ).toBe(false);
    // Jest kept for a tool, the tests run by Vitest: not a Jest project.
    const tool = { scripts: { test: "vitest run" }, devDependencies: { jest: "30.0.0", vitest: "4.0.0" } };
    expect(matcherOf({ "package.json": JSON.stringify(tool) })("src/__tests__/math.js")).toBe(false);
  });

  it("matches testRegex against the path from its project's folder, less testPathIgnorePatterns", () => {
    const isTest = matcherOf({
      "packages/app/package.json": JSON.stringify({
        jest: { testRegex: "/tests/.*\\.js$", testPathIgnorePatterns: ["<rootDir>/tests/helpers/"] },
      }),
    });
    expect(isTest("packages/app/tests/login.js")).toBe(true);
    expect(isTest("packages/app/tests/helpers/fake.js")).toBe(false);
    expect(isTest("packages/other/tests/login.js")).toBe(false);
    expect(isTest("packages/app/src/__tests__/x.js")).toBe(false);
  });
});

describe("Node's test runner", () => {
  it("takes node --test's default patterns in a package whose scripts start it", () => {
    const isTest = matcherOf({
      "package.json": JSON.stringify({ scripts: { test: "node --test" } }),
    });
    for (const path of [
      "test/api.js",
      "test/deep/x.mjs",
      "src/a-test.js",
      "src/a_test.cjs",
      "test-util.js",
      "test.js",
    ]) {
      expect(isTest(path), path).toBe(true);
    }
    expect(isTest("src/api.js")).toBe(false);
    expect(
      matcherOf({ "package.json": JSON.stringify({ scripts: { test: "vitest run" } }) })("test/api.js"),
    ).toBe(false);
  });
});

describe("Mocha", () => {
  it("takes every script under test/ in a package whose scripts start mocha", () => {
    const isTest = matcherOf({
      "packages/api/package.json": JSON.stringify({ scripts: { test: "mocha --exit" } }),
    });
    expect(isTest("packages/api/test/routes.js")).toBe(true);
    expect(isTest("packages/api/test/unit/db.ts")).toBe(true);
    expect(isTest("packages/api/src/routes.js")).toBe(false);
    expect(isTest("packages/web/test/app.js")).toBe(false);
  });
});

describe("bun test, AVA and node-tap", () => {
  it("take their own default names in a package whose scripts start them", () => {
    const bun = matcherOf({ "package.json": JSON.stringify({ scripts: { test: "bun test" } }) });
    expect(bun("src/parse_test.ts")).toBe(true);
    expect(bun("src/parse_spec.tsx")).toBe(true);
    expect(bun("src/parse.ts")).toBe(false);
    const ava = matcherOf({ "package.json": JSON.stringify({ scripts: { test: "xo && ava" } }) });
    for (const path of ["test.js", "test-api.js", "tests/api.js", "src/__tests__/x.mjs", "test/deep/y.ts"]) {
      expect(ava(path), path).toBe(true);
    }
    expect(ava("src/api.js")).toBe(false);
    expect(matcherOf({ "package.json": JSON.stringify({ scripts: { test: "tap" } }) })("test/a.js")).toBe(
      true,
    );
    expect(
      matcherOf({ "package.json": JSON.stringify({ scripts: { build: "java -jar x" } }) })("test/a.js"),
    ).toBe(false);
  });
});
