import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TempRepo } from "../test/support/temp-repo.js";
import { CALC, makeCalcProject, runWithCoverage } from "../test/support/vitest-project.js";
import { saveCommand } from "./coverage-save.js";
import { selectCommand } from "./select-command.js";

let repo: TempRepo;
let out: string;
let file: string;
const lines: string[] = [];
const log = (line: string) => lines.push(line);

beforeAll(() => {
  repo = makeCalcProject();
  out = mkdtempSync(join(tmpdir(), "superplane-coverage-cli-"));
  file = join(out, "records.json");
  runWithCoverage(repo.dir, join(out, "raw"));
}, 60_000);

afterAll(() => {
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

describe("superplane coverage save, then select --coverage", () => {
  it("saves records of a run, and a selection skips the test that ran none of the change", async () => {
    expect(await saveCommand({ repo: repo.dir, dir: join(out, "raw"), file }, log)).toBe(0);
    expect(lines.at(-1)).toBe(`saved coverage of 2 test files to ${file}`);
    const saved = JSON.parse(readFileSync(file, "utf8")) as { records: { test: string }[] };
    expect(saved.records.map((r) => r.test)).toEqual(["test/add.test.ts", "test/mul.test.ts"]);

    repo.write("src/calc.ts", CALC("b * a"));
    repo.commit("doMul: b * a");
    const selection = join(out, "selection.json");
    const flags = {
      repo: repo.dir,
      base: "HEAD~1",
      head: "HEAD",
      granularity: "symbol",
      format: "json",
      cache: false,
    };
    expect(await selectCommand({ ...flags, output: selection }, log)).toBe(0);
    const graphOnly = JSON.parse(readFileSync(selection, "utf8")) as { tests_selected: number };
    expect(graphOnly.tests_selected).toBe(2);
    expect(await selectCommand({ ...flags, output: selection, coverage: file }, log)).toBe(0);
    const covered = JSON.parse(readFileSync(selection, "utf8")) as {
      decisions: { test_path: string; selected: boolean; reasons: string[] }[];
    };
    expect(covered.decisions.map((d) => [d.test_path, d.selected])).toEqual([
      ["test/add.test.ts", false],
      ["test/mul.test.ts", true],
    ]);
    expect(covered.decisions[0]!.reasons[1]).toMatch(/^coverage recorded at [0-9a-f]{12}: it ran none/);
    expect(lines.at(-1)).toBe("coverage: 1 of 2 affected tests with a record ran none of the change");
  });

  it("says what is wrong with a records file, naming it and the field", async () => {
    const bad = join(out, "bad.json");
    writeFileSync(
      bad,
      '{"version":1,"records":[{"version":1,"test":"a","files":[{"path":"x","blob":"nope","units":[]}]}]}',
    );
    await expect(saveCommand({ repo: repo.dir, dir: join(out, "raw"), file: bad }, log)).rejects.toThrow(
      /bad\.json: records\.0\.files\.0\.blob: Expected string to match .*\(git blob id/,
    );
  });
});
