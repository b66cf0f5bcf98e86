import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diskReader, readRawCoverage, recordsFromRaw } from "../../selector/coverage/read-coverage.js";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import { selectInRepo } from "../../selector/select/select-in-repo.js";
import type { TempRepo } from "../../test/support/temp-repo.js";
import { CALC, makeCalcProject, runWithCoverage } from "../../test/support/vitest-project.js";
import { NoServiceArm } from "./no-service-arm.js";
import type { SuiteResult } from "./suite-report.js";

let repo: TempRepo;
let out: string;
let records: CoverageRecord[];
let start: string;
let change: string;

/** calc's two tests recorded by a real Vitest run, then a change to doMul only. */
beforeAll(async () => {
  repo = makeCalcProject();
  start = repo.git("rev-parse", "HEAD").trim();
  out = mkdtempSync(join(tmpdir(), "superplane-no-service-"));
  runWithCoverage(repo.dir, out);
  const raws = await readRawCoverage(out, repo.dir, (m) => {
    throw new Error(m);
  });
  records = await recordsFromRaw(raws, diskReader(repo.dir), start);
  repo.write("src/calc.ts", CALC("b * a"));
  change = repo.commit("doMul: b * a");
}, 60_000);

afterAll(() => {
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

const results = (outcomes: Record<string, "passed" | "failed">): SuiteResult =>
  new Map(Object.entries(outcomes).map(([test, outcome]) => [test, { outcome, durationMs: 1 }]));

const selected = (decisions: { test_path: string; selected: boolean }[]) =>
  decisions.filter((d) => d.selected).map((d) => d.test_path);

describe("the eval's no-service arm", () => {
  it("decides as the graph until its own CI kept a record, then as the action does with it", async () => {
    const arm = await NoServiceArm.create();
    try {
      const selection = await selectInRepo({
        repoDir: repo.dir,
        base: start,
        head: change,
        cacheFile: false,
      });
      const cold = await arm.decide(repo.dir, change, selection);
      expect(selected(cold.decisions)).toEqual(["test/add.test.ts", "test/mul.test.ts"]);
      expect(cold.cleared.size).toBe(0);

      // Its CI ran only add.test.ts, and mul.test.ts failed besides: only add's record is kept.
      await arm.keep(
        records,
        results({ "test/add.test.ts": "passed", "test/mul.test.ts": "passed" }),
        new Set(["test/add.test.ts"]),
      );
      await arm.keep(records, results({ "test/add.test.ts": "passed", "test/mul.test.ts": "failed" }), "all");
      expect((await arm.records()).map((r) => r.test)).toEqual(["test/add.test.ts"]);

      const warm = await arm.decide(repo.dir, change, selection);
      expect(selected(warm.decisions)).toEqual(["test/mul.test.ts"]);
      expect([...warm.cleared.keys()]).toEqual(["test/add.test.ts"]);
      // The other arms' selection is untouched.
      expect(selected(selection.result.decisions)).toEqual(["test/add.test.ts", "test/mul.test.ts"]);
      expect(selection.evidence.every((e) => e.coverage === undefined)).toBe(true);
    } finally {
      await arm.remove();
    }
  });
});
