import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diskReader, readRawCoverage, recordsFromRaw } from "../../selector/coverage/read-coverage.js";
import { type CoverageRecord, UNITS_VERSION } from "../../selector/coverage/types.js";
import { CALC, makeCalcProject, runWithCoverage } from "../../test/support/vitest-project.js";
import { auditCleared } from "./coverage-audit.js";

const repo = makeCalcProject();
const out = mkdtempSync(join(tmpdir(), "superplane-audit-"));
afterAll(() => {
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

async function recordsNow(name: string): Promise<Map<string, CoverageRecord>> {
  runWithCoverage(repo.dir, join(out, name));
  const raws = await readRawCoverage(join(out, name), repo.dir, () => {});
  const records = await recordsFromRaw(raws, diskReader(repo.dir));
  return new Map(records.map((r) => [r.test, r]));
}

describe("the coverage audit", () => {
  it("finds the same code ran for a test the change did not reach, and other code for one it did", async () => {
    const before = await recordsNow("before");
    repo.write("src/calc.ts", CALC("b * a"));
    repo.commit("doMul: b * a");
    const after = await recordsNow("after");
    const pair = (test: string) => ({ before: before.get(test)!, after: after.get(test)! });
    expect(await auditCleared(repo.dir, [pair("test/add.test.ts")])).toEqual([]);
    expect(await auditCleared(repo.dir, [pair("test/mul.test.ts")])).toEqual([
      "test/mul.test.ts: ran other code in src/calc.ts than when recorded",
    ]);
  }, 60_000);

  it("compares a file run whole by its code, so a comment is no other code and a changed line is", async () => {
    const blob = () => repo.git("rev-parse", "HEAD:src/calc.ts").trim();
    const whole = (b: string): CoverageRecord => ({
      version: UNITS_VERSION,
      test: "test/add.test.ts",
      files: [{ path: "src/calc.ts", blob: b, units: "all" }],
    });
    const first = blob();
    repo.write("src/calc.ts", `// a note\n${CALC("b * a")}`);
    repo.commit("a comment");
    const commented = blob();
    repo.write("src/calc.ts", CALC("a * b * 1"));
    repo.commit("doMul: a * b * 1");
    const changed = blob();
    expect(await auditCleared(repo.dir, [{ before: whole(first), after: whole(commented) }])).toEqual([]);
    expect(await auditCleared(repo.dir, [{ before: whole(commented), after: whole(changed) }])).toEqual([
      "test/add.test.ts: ran other code in src/calc.ts than when recorded",
    ]);
  });
});
