import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UNREACHED_REASON } from "../../selector/select/decide.js";
import type { Decision } from "../../selector/select/types.js";
import { junitFailures } from "../run/junit-failures.js";
import type { Plan } from "../select/plan.js";
import { outputsOf } from "./outputs.js";
import {
  CHECK_RUN_LIMIT,
  headline,
  JOB_SUMMARY_LIMIT,
  renderSummary,
  type SummaryView,
} from "./summary-markdown.js";
import { describeTimeSaved, estimateTimeSaved, formatDuration } from "./time-saved.js";

const decision = (test: string, selected: boolean, confidence: number, reasons: string[]): Decision => ({
  test_path: test,
  selected,
  confidence,
  reasons,
});

function plan(overrides: Partial<Plan> = {}): Plan {
  const decisions = [
    decision("test/a.test.ts", true, 0.97, ["graph: src/a.ts -> test/a.test.ts; uses changed parse"]),
    decision("test/b|pipe.test.ts", true, 0.42, ["always_run: test/b*"]),
    decision("test/c.test.ts", false, 0.01, [UNREACHED_REASON]),
    decision("test/d.test.ts", false, 0.06, [
      "graph: src/a.ts -> test/d.test.ts; uses changed parse",
      "coverage recorded at 0123456789ab: it ran none of the changed functions of the 1 file it loaded that changed, and loading them runs the same code",
    ]),
  ];
  return {
    mode: "selective",
    decisions,
    selected: decisions.filter((d) => d.selected).map((d) => d.test_path),
    runId: "run_123",
    repoId: "repo_1",
    decidedBy: "service",
    notes: [],
    deletedTests: [],
    changedFiles: 2,
    head: "c".repeat(40),
    quarantineFlaky: true,
    ...overrides,
  };
}

describe("the summary (job summary and check run alike)", () => {
  it("shows a selective run: counts, time saved, results, run id and the selected tests", async () => {
    const view: SummaryView = {
      plan: plan({ deletedTests: ["test/old.test.ts"] }),
      tests: { state: "passed", exitCode: 0, batches: 1 },
      results: { reports: 1, status: "passed" },
      saved: { ms: 252_000, priced: 1, unmeasured: 1 },
    };
    await expect(renderSummary(view, JOB_SUMMARY_LIMIT)).toMatchFileSnapshot("./golden/selective.md");
  });

  it("shows a full run with the reason and the notes as callouts", async () => {
    const notes: Plan["notes"] = [
      {
        level: "warning",
        message: "the SuperPlane service could not decide: unreachable; running the whole suite",
      },
      {
        level: "error",
        message: '.superplane/policy.yml:4:1: always_runn: unknown key "always_runn"',
        file: ".superplane/policy.yml",
        line: 4,
      },
    ];
    const full = plan({ mode: "full", fullReason: "the service is unreachable", notes });
    delete full.runId;
    const decisions = full.decisions.map((d) => ({ ...d, selected: true }));
    const view: SummaryView = {
      plan: { ...full, decisions, selected: decisions.map((d) => d.test_path) },
      tests: { state: "failed", exitCode: 1, batches: 3 },
      results: { reports: 0, error: "no JUnit report matched reports/*.xml" },
    };
    await expect(renderSummary(view, JOB_SUMMARY_LIMIT)).toMatchFileSnapshot("./golden/full.md");
  });

  it("says nothing needed running, or that the tests were left to later steps", () => {
    const none = plan({ selected: [], decisions: plan().decisions.map((d) => ({ ...d, selected: false })) });
    expect(headline(none)).toBe("no tests needed to run (0 of 4 selected)");
    expect(renderSummary({ plan: none, tests: { state: "nothing-to-run" } }, JOB_SUMMARY_LIMIT)).toContain(
      "- **Tests:** nothing needed running",
    );
    expect(renderSummary({ plan: plan(), tests: { state: "not-run" } }, JOB_SUMMARY_LIMIT)).toContain(
      "not run here (no `run` input)",
    );
  });

  it("puts failing tests first with the runner's message and line, and links the run's page", async () => {
    const xml = readFileSync(join(import.meta.dirname, "../run/fixtures/vitest-failing.xml"), "utf8");
    const view: SummaryView = {
      plan: plan({ dashboardUrl: "https://sp.example.com/runs/run_123" }),
      tests: { state: "failed", exitCode: 1, batches: 1 },
      results: { reports: 1, status: "failed" },
      failures: junitFailures(xml),
    };
    const text = renderSummary(view, JOB_SUMMARY_LIMIT);
    await expect(text).toMatchFileSnapshot("./golden/failing.md");
    expect(text.indexOf("### ❌ Failing tests (1)")).toBeLessThan(text.indexOf("- **Mode:**"));
    expect(text).toContain("**`test/math.test.ts:6`** › adds two numbers");
    expect(text).toContain("AssertionError: expected 4 to be 3 // Object.is equality");
    expect(text).toContain("- **Run:** [`run_123`](https://sp.example.com/runs/run_123)");
    expect(text).toContain("❌ failed: 1 failing test, listed above (the command exited 1)");
    // No key-value table with an empty header row.
    expect(text).not.toContain("| | |");
  });

  it("says in the headline when the trained model selected more than the graph alone", () => {
    const graphAlone = { testsSelected: 1, addedByModel: ["test/b|pipe.test.ts"] };
    expect(headline(plan({ graphAlone }))).toBe("2 of 4 tests selected: 1 more than the graph alone (1)");
    expect(headline(plan({ graphAlone: { testsSelected: 2, addedByModel: [] } }))).toBe(
      "2 of 4 tests selected",
    );
  });

  it("stays within GitHub's limit, saying how many rows it left out", () => {
    const decisions = Array.from({ length: 5000 }, (_, i) =>
      decision(`packages/p/test/case-${i}.test.ts`, true, 0.9, ["graph: a long reason ".repeat(3)]),
    );
    const big = plan({ decisions, selected: decisions.map((d) => d.test_path) });
    const text = renderSummary({ plan: big, tests: { state: "not-run" } }, CHECK_RUN_LIMIT);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(CHECK_RUN_LIMIT);
    expect(text).toMatch(/_\d+ more not shown: GitHub limits the size of this summary\._/);
  });
});

describe("outputs", () => {
  it("publishes the selection as text, a file and JSON", () => {
    expect(outputsOf(plan(), "/runner/tmp/superplane-tests.txt")).toEqual({
      "run-id": "run_123",
      mode: "selective",
      tests: "test/a.test.ts test/b|pipe.test.ts",
      "tests-file": "/runner/tmp/superplane-tests.txt",
      "tests-json": '["test/a.test.ts","test/b|pipe.test.ts"]',
      "selected-count": "2",
      "total-count": "4",
    });
  });
});

describe("time saved", () => {
  it("prices skipped files at their last measured duration and counts the never-measured ones apart", () => {
    const durations = new Map([
      ["a", 1000],
      ["b", 3000],
    ]);
    expect(estimateTimeSaved(["b", "z"], durations)).toEqual({ ms: 3000, priced: 1, unmeasured: 1 });
    expect(estimateTimeSaved(["a", "b"], durations)).toEqual({ ms: 4000, priced: 2, unmeasured: 0 });
    expect(estimateTimeSaved([], durations)).toEqual({ ms: 0, priced: 0, unmeasured: 0 });
    expect(estimateTimeSaved(["z"], new Map())).toEqual({ ms: 0, priced: 0, unmeasured: 1 });
    expect([formatDuration(400), formatDuration(12_400), formatDuration(252_000)]).toEqual([
      "under 1 s",
      "12 s",
      "4.2 min",
    ]);
  });

  it("says which skipped files were priced and which were never measured", () => {
    expect(describeTimeSaved({ ms: 35_000, priced: 12, unmeasured: 3 })).toBe(
      "35 s (12 skipped files at their last measured file durations; 3 skipped files never measured, not priced)",
    );
    expect(describeTimeSaved({ ms: 4000, priced: 1, unmeasured: 0 })).toBe(
      "4 s (1 skipped file at its last measured file duration)",
    );
    expect(describeTimeSaved({ ms: 0, priced: 0, unmeasured: 2 })).toBe(
      "unknown: 2 skipped files never measured, not priced",
    );
    expect(describeTimeSaved({ ms: 0, priced: 0, unmeasured: 0 })).toBeUndefined();
  });
});
