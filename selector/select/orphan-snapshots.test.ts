import { describe, expect, it } from "vitest";
import type { RunnerProject } from "../graph/synthetic/setup-edges.js";
import { type OrphanSnapshotInput, orphanSnapshotKeeps } from "./orphan-snapshots.js";
import type { SelectionWarning } from "./types.js";

const project = (config: string, dir: string): RunnerProject => ({ config, dir, setupFiles: [] });
const TESTS = ["test/price.test.js", "test/tax.test.js", "packages/other/test/unrelated.test.js"];
const PROJECTS = [
  project("jest.config.cjs", ""),
  project("packages/other/jest.config.cjs", "packages/other"),
];

function keeps(changed: string[], overrides: Partial<OrphanSnapshotInput> = {}) {
  const forced = new Map<string, string[]>();
  const warnings: SelectionWarning[] = [];
  const files = new Set([...TESTS, ...changed, "test/__snapshots__/tax.test.js.snap"]);
  orphanSnapshotKeeps({
    changed,
    has: (path) => files.has(path),
    allTests: TESTS,
    tests: TESTS,
    projects: PROJECTS,
    forced,
    warnings,
    ...overrides,
  });
  return { kept: [...forced.keys()].sort(), forced, warnings };
}

describe("a changed snapshot no test's name matches", () => {
  it("keeps the tests of the project that holds it, with a warning naming the file", () => {
    const { kept, forced, warnings } = keeps(["snapshots/price_test_js.snap"]);
    expect(kept).toEqual(["test/price.test.js", "test/tax.test.js"]);
    expect(forced.get("test/price.test.js")).toEqual([
      "snapshots/price_test_js.snap changed: a snapshot whose name matches no test, kept for every test of jest.config.cjs",
    ]);
    expect(warnings).toEqual([
      {
        code: "SNAPSHOT_UNOWNED",
        message:
          "snapshots/price_test_js.snap changed and its name matches no test (a snapshot resolver that renames, or an obsolete snapshot): the tests of jest.config.cjs are kept",
        file: "snapshots/price_test_js.snap",
      },
    ]);
  });

  it("keeps every test when no runner config claims the file", () => {
    expect(keeps(["snapshots/price_test_js.snap"], { projects: [] }).kept).toEqual([...TESTS].sort());
  });

  it("keeps only the other project's tests for a snapshot under it", () => {
    expect(keeps(["packages/other/snaps/renamed.snap"]).kept).toEqual([
      "packages/other/test/unrelated.test.js",
    ]);
  });

  it("leaves a snapshot its test owns to the graph: beside it, by the test's name, or by its stem", () => {
    const owned = ["test/__snapshots__/tax.test.js.snap", "snapshots/price.test.js.snap", "snap/price.snap"];
    const { kept, warnings } = keeps(owned);
    expect(kept).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("leaves a snapshot deleted with its test, and files that are not snapshots", () => {
    const gone = "test/gone.test.js";
    const { kept, warnings } = keeps(
      ["test/__snapshots__/gone.test.js.snap", "src/price.js", "notes.snap.md"],
      {
        allTests: [...TESTS, gone],
        has: (path) => path === gone,
      },
    );
    expect(kept).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
