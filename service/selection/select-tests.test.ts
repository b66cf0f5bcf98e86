import { describe, expect, it } from "vitest";
import type { SelectionRequest } from "../../contract/selection.js";
import { decide, type TestEvidence } from "../../selector/select/decide.js";
import { decideTests } from "./select-tests.js";

type TestInput = SelectionRequest["tests"][number];

const unreached = {
  reachable: false,
  distance: 0,
  symbolHit: false,
  weakOnly: false,
  changedFilesReaching: 0,
  maxFanIn: 0,
  typeTest: false,
};
const reached = { ...unreached, reachable: true, distance: 1, symbolHit: true, changedFilesReaching: 1 };

/** Every field of a test's evidence set on one test, then none on the next, and so on. */
const tests: TestInput[] = [
  {
    path: "test/a.test.ts",
    features: reached,
    graph_path: ["src/a.ts", "test/a.test.ts"],
    used_names: ["parse"],
    forced: ["always_run: test/a.test.ts"],
  },
  { path: "test/b.test.ts", features: unreached },
  {
    path: "test/c.test.ts",
    features: reached,
    graph_path: ["src/c.ts", "test/c.test.ts"],
    reach: "loads-changed-code",
    type_checked: true,
  },
  { path: "test/d.test.ts", features: { ...reached, symbolHit: false } },
  {
    path: "test/e.test.ts",
    features: { ...reached, symbolHit: false },
    graph_path: ["src/e.ts", "test/e.test.ts"],
    reach: "types-only",
  },
  {
    path: "test/f.test.ts",
    features: reached,
    graph_path: ["src/f.ts", "test/f.test.ts"],
    coverage: { clear: true, commit: "c".repeat(40), files: 1 },
  },
  {
    path: "test/g.test.ts",
    features: reached,
    graph_path: ["src/g.ts", "test/g.test.ts"],
    coverage: { clear: true, files: 2 },
    coverage_blind: true,
  },
  { path: "test/h.test.ts", features: reached },
];

/** The evidence of each test as an object of its own, the way the CLI builds it. */
function evidenceOf(test: TestInput): TestEvidence {
  return {
    path: test.path,
    features: test.features,
    forced: test.forced ?? [],
    ...(test.graph_path ? { graphPath: test.graph_path } : {}),
    ...(test.used_names ? { usedNames: test.used_names } : {}),
    ...(test.reach === "loads-changed-code" ? { loadsChangedCode: true } : {}),
    ...(test.reach === "types-only" ? { typesOnly: true } : {}),
    ...(test.type_checked ? { typeChecked: true } : {}),
    ...(test.coverage_blind ? { coverageBlind: true } : {}),
    ...(test.coverage ? { coverage: test.coverage } : {}),
  };
}

describe("decideTests", () => {
  it("decides each test as on evidence of its own: nothing of one test reaches the next", async () => {
    for (const granularity of ["symbol", "file"] as const) {
      const options = { threshold: 0.85, granularity };
      const expected = decide(tests.map(evidenceOf), options);
      expect(await decideTests(tests, options)).toEqual(expected);
      // Each field set then cleared changed some decision: the fixture shows every field.
      expect(new Set(expected.map((d) => d.reasons.join("|"))).size).toBeGreaterThan(5);
    }
  });

  it("hands a trained scorer each test's own path", async () => {
    const seen: string[] = [];
    const score = (_features: unknown, evidence: TestEvidence) => {
      seen.push(evidence.path);
      return 0.5;
    };
    await decideTests(tests, { threshold: 0.85, granularity: "symbol", score });
    expect(seen).toEqual(tests.filter((t) => !t.forced).map((t) => t.path));
  });
});
