import { describe, expect, it } from "vitest";
import { runnerSourceTestGlobs, runnerTestGlobs } from "./runner-test-globs.js";

function globsOf(files: Record<string, string>): string[] {
  return runnerTestGlobs(Object.keys(files), (path) => files[path]);
}

describe("runnerTestGlobs", () => {
  it("roots vitest include globs at the config's folder", () => {
    const globs = globsOf({
      "packages/a/vitest.config.ts": `export default { test: { include: ["./src/**/*.spec-int.ts", "**/*.check.ts"] } };`,
    });
    expect(globs).toEqual(["packages/a/src/**/*.spec-int.ts", "packages/a/**/*.check.ts"]);
  });

  it("reads jest testMatch from package.json, with <rootDir> and rootDir", () => {
    const globs = globsOf({
      "app/package.json": JSON.stringify({ jest: { rootDir: "lib", testMatch: ["<rootDir>/**/*.it.js"] } }),
    });
    expect(globs).toEqual(["app/lib/**/*.it.js"]);
  });

  it("drops negations and globs that climb out of the repository", () => {
    const globs = globsOf({
      "vitest.config.ts": `export default { test: { include: ["!src/skip/**", "../outside/**/*.test.ts"] } };`,
    });
    expect(globs).toEqual([]);
  });

  it("ignores package manifests without jest and files that are not runner configs", () => {
    expect(
      globsOf({ "package.json": "{}", "src/config.ts": `export default { test: { include: ["x"] } };` }),
    ).toEqual([]);
  });
});

describe("runnerSourceTestGlobs", () => {
  it("roots vitest test.includeSource at the config's folder, apart from the test globs", () => {
    const files = {
      "packages/a/vitest.config.ts": `export default { test: { includeSource: ["src/**/*.{js,ts}"] } };`,
    };
    const read = (path: string) => files[path as keyof typeof files];
    expect(runnerSourceTestGlobs(Object.keys(files), read)).toEqual(["packages/a/src/**/*.{js,ts}"]);
    expect(runnerTestGlobs(Object.keys(files), read)).toEqual([]);
  });
});
