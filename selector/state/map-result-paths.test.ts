import { describe, expect, it } from "vitest";
import { mapResultPath, mapResultPaths, TestIndex } from "./map-result-paths.js";

const TESTS = [
  "tests/index.test.tsx",
  "packages/a/tests/index.test.tsx",
  "packages/b/tests/index.test.tsx",
  "packages/b/src/only-b.test.ts",
  "apps/web/src/deep/only.test.ts",
];
const index = new TestIndex(TESTS);
const map = (raw: string, context: Partial<Parameters<typeof mapResultPath>[2]> = {}) =>
  mapResultPath(raw, index, { tests: TESTS, ...context });

describe("mapResultPath", () => {
  it("keeps a repository path, and maps a package-relative one through the report's folder first", () => {
    expect(map("packages/a/tests/index.test.tsx")).toEqual({ path: "packages/a/tests/index.test.tsx" });
    expect(map("tests/index.test.tsx", { reportPath: "packages/b/reports/junit.xml" })).toEqual({
      path: "packages/b/tests/index.test.tsx",
      from: "tests/index.test.tsx",
    });
    // A root report names the root's test, though packages have one at the same relative path.
    expect(map("tests/index.test.tsx", { reportPath: "reports/junit.xml" })).toEqual({
      path: "tests/index.test.tsx",
    });
    expect(map("./tests\\index.test.tsx", { reportPath: "packages/a/junit.xml" })).toEqual({
      path: "packages/a/tests/index.test.tsx",
      from: "./tests\\index.test.tsx",
    });
  });

  it("maps absolute paths inside the workspace, and from another mount by the longest test path", () => {
    expect(
      map("/home/runner/work/web/packages/b/src/only-b.test.ts", { workspace: "/home/runner/work/web" }),
    ).toEqual({
      path: "packages/b/src/only-b.test.ts",
      from: "/home/runner/work/web/packages/b/src/only-b.test.ts",
    });
    expect(map("file:///app/packages/a/tests/index.test.tsx")).toMatchObject({
      path: "packages/a/tests/index.test.tsx",
    });
    expect(map("/elsewhere/nothing.test.ts")).toEqual({
      unmapped: "/elsewhere/nothing.test.ts",
      reason: "the path is outside the repository and ends with no test file's path",
    });
  });

  it("takes the only test that ends with the path, or the only one of them this run selected", () => {
    expect(map("src/deep/only.test.ts")).toEqual({
      path: "apps/web/src/deep/only.test.ts",
      from: "src/deep/only.test.ts",
    });
    expect(map("index.test.tsx", { selected: new Set(["packages/b/tests/index.test.tsx"]) })).toEqual({
      path: "packages/b/tests/index.test.tsx",
      from: "index.test.tsx",
    });
  });

  it("leaves a path that names several tests or none unmapped, and says why", () => {
    expect(map("index.test.tsx")).toEqual({
      unmapped: "index.test.tsx",
      reason:
        "3 test files end with it (tests/index.test.tsx, packages/a/tests/index.test.tsx, packages/b/tests/index.test.tsx): write each package's report inside its folder, or have the runner write repository paths (JUnit `file` attribute)",
    });
    expect(map("test/missing.test.ts")).toEqual({
      unmapped: "test/missing.test.ts",
      reason: "no test file of the repository has this path or ends with it",
    });
    expect(map("../outside.test.ts")).toMatchObject({ unmapped: "../outside.test.ts" });
  });

  it("never takes the root's test for a package's when only packages' tests ran", () => {
    const root = { reportPath: "reports/ui.xml" };
    const both = new Set(["packages/a/tests/index.test.tsx", "packages/b/tests/index.test.tsx"]);
    expect(map("tests/index.test.tsx", { ...root, selected: both })).toEqual({
      unmapped: "tests/index.test.tsx",
      reason:
        "2 test files that ran end with it (packages/a/tests/index.test.tsx, packages/b/tests/index.test.tsx): write each package's report inside its folder, or have the runner write repository paths (JUnit `file` attribute)",
    });
    const one = new Set(["packages/b/tests/index.test.tsx", "packages/b/src/only-b.test.ts"]);
    expect(map("tests/index.test.tsx", { ...root, selected: one })).toMatchObject({
      path: "packages/b/tests/index.test.tsx",
    });
    // The package's own report names its own test even when every package's test ran.
    const all = new Set([...both, "tests/index.test.tsx"]);
    expect(map("tests/index.test.tsx", { reportPath: "packages/a/r.xml", selected: all })).toMatchObject({
      path: "packages/a/tests/index.test.tsx",
    });
  });
});

describe("mapResultPaths", () => {
  it("rewrites what it can map and lists the rest", () => {
    const results = [
      { test_path: "tests/index.test.tsx", outcome: "failed" as const, duration_ms: 3 },
      { test_path: "nope.test.ts", outcome: "passed" as const, duration_ms: 1 },
    ];
    expect(mapResultPaths(results, index, { tests: TESTS, reportPath: "packages/a/junit.xml" })).toEqual({
      results: [{ test_path: "packages/a/tests/index.test.tsx", outcome: "failed", duration_ms: 3 }],
      remapped: [{ from: "tests/index.test.tsx", to: "packages/a/tests/index.test.tsx" }],
      unmapped: [
        { test_path: "nope.test.ts", reason: "no test file of the repository has this path or ends with it" },
      ],
    });
  });
});
