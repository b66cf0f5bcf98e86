import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCoverage } from "../../selector/coverage/check-coverage.js";
import { diskReader, readRawCoverage, recordsFromRaw } from "../../selector/coverage/read-coverage.js";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import { commitSource } from "../../selector/repo/revision-source.js";
import type { TempRepo } from "../../test/support/temp-repo.js";
import { CALC, makeCalcProject, runWithCoverage } from "../../test/support/vitest-project.js";

let repo: TempRepo;
let records: Map<string, CoverageRecord>;
let out: string;

/**
 * A real Vitest run (this repository's Vitest) of a two-test project, with the collector switched
 * on by its reporter as the action and `superplane eval` do: per-test records of what ran.
 */
beforeAll(async () => {
  repo = makeCalcProject();
  // Inputs coverage cannot count: a file read as text, a process started, a directory listed.
  repo.write("fixtures/expected.txt", "5\n");
  repo.write(
    "test/reads.test.ts",
    'import { readFileSync } from "node:fs";\nimport { expect, test } from "vitest";\nimport { calc } from "../src/calc";\ntest("reads", () => expect(String(calc("add", 2, 3))).toBe(readFileSync("fixtures/expected.txt", "utf8").trim()));\n',
  );
  repo.write(
    "test/spawns.test.ts",
    'import { execFileSync } from "node:child_process";\nimport { expect, test } from "vitest";\ntest("spawns", () => expect(execFileSync(process.execPath, ["-e", "1"]).length).toBe(0));\n',
  );
  repo.write(
    "test/lists.test.ts",
    'import { readdirSync } from "node:fs";\nimport { expect, test } from "vitest";\ntest("lists", () => expect(readdirSync("fixtures")).toContain("expected.txt"));\n',
  );
  repo.commit("tests with other inputs");
  out = mkdtempSync(join(tmpdir(), "superplane-coverage-"));
  runWithCoverage(repo.dir, out);
  const raws = await readRawCoverage(out, repo.dir, (message) => {
    throw new Error(message);
  });
  const made = await recordsFromRaw(raws, diskReader(repo.dir), repo.git("rev-parse", "HEAD").trim());
  records = new Map(made.map((record) => [record.test, record]));
}, 60_000);

afterAll(() => {
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

async function verdictsAfter(calc: string) {
  repo.write("src/calc.ts", calc);
  const sha = repo.commit("change");
  const verdicts = await checkCoverage({
    repoDir: repo.dir,
    head: await commitSource(repo.dir, sha),
    records: [...records.values()],
  });
  repo.git("reset", "-q", "--hard", "HEAD~1");
  return Object.fromEntries([...verdicts].map(([test, v]) => [test, v.clear ? "clear" : v.reason]));
}

describe("the coverage collector", () => {
  it("records, per test file, the files it loaded and the functions it ran", () => {
    // spawns.test.ts started a process and lists.test.ts listed a directory: neither is recorded.
    expect([...records.keys()].sort()).toEqual([
      "test/add.test.ts",
      "test/mul.test.ts",
      "test/reads.test.ts",
    ]);
    const add = records.get("test/add.test.ts")!;
    expect(add.files.map((f) => f.path)).toEqual(["src/calc.ts", "test/add.test.ts"]);
    // calc.ts's units: doAdd (0), doMul (1), calc (2).
    expect(add.files[0]!.units).toEqual([0, 2]);
    expect(records.get("test/mul.test.ts")!.files[0]!.units).toEqual([1, 2]);
  });

  it("clears a test that ran none of the changed functions, and keeps the one that ran them", async () => {
    expect(await verdictsAfter(CALC("b * a"))).toEqual({
      "test/add.test.ts": "clear",
      "test/mul.test.ts": "it ran a changed function of src/calc.ts",
      "test/reads.test.ts": "clear",
    });
  });

  it("counts a file read as text whole", async () => {
    const read = records.get("test/reads.test.ts")!;
    expect(read.files.find((f) => f.path === "fixtures/expected.txt")).toMatchObject({
      units: "all",
      read: true,
    });
    repo.write("fixtures/expected.txt", "5 \n");
    expect((await verdictsAfter(CALC()))["test/reads.test.ts"]).toBe(
      "it read fixtures/expected.txt, which changed",
    );
  });

  it("keeps every test that loaded a module whose loading changed", async () => {
    const verdicts = await verdictsAfter(CALC().replace("LIMIT = 10", "LIMIT = 5"));
    expect(verdicts).toEqual({
      "test/add.test.ts": "it loaded src/calc.ts, where a value it exports changed",
      "test/mul.test.ts": "it loaded src/calc.ts, where a value it exports changed",
      "test/reads.test.ts": "it loaded src/calc.ts, where a value it exports changed",
    });
    // A new function runs nothing; the graph keeps the tests that can see its name (name-changes.ts).
    const added = await verdictsAfter(
      `${CALC()}export function sub(a: number, b: number) {\n  return a - b;\n}\n`,
    );
    expect(Object.values(added)).toEqual(["clear", "clear", "clear"]);
  });

  it("lets a module load a new module that only defines functions, not one that runs code on load", async () => {
    const importing = `import { pad } from "./pad";\n${CALC()}export const padded = (n: number) => pad(String(n));\n`;
    repo.write("src/pad.ts", "export function pad(s: string) {\n  return s.padStart(4);\n}\n");
    expect(Object.values(await verdictsAfter(importing))).toEqual(["clear", "clear", "clear"]);
    repo.write(
      "src/pad.ts",
      "(globalThis as { padded?: boolean }).padded = true;\nexport function pad(s: string) {\n  return s;\n}\n",
    );
    expect((await verdictsAfter(importing))["test/add.test.ts"]).toBe(
      "it loaded src/calc.ts, which now also loads ./pad",
    );
  });

  it("reads a comment or layout edit as no change at all", async () => {
    const verdicts = await verdictsAfter(
      CALC().replace("  return a * b;", "  // the product\n      return a * b;   "),
    );
    expect(Object.values(verdicts)).toEqual(["clear", "clear", "clear"]);
  });
});
