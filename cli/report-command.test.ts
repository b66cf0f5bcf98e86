import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDuration } from "../action/report/time-saved.js";
import type { TempRepo } from "../test/support/temp-repo.js";
import { CALC, makeCalcProject, runWithCoverage } from "../test/support/vitest-project.js";
import { reportCommand } from "./report-command.js";
import { selectCommand } from "./select-command.js";

let repo: TempRepo;
let out: string;
const lines: string[] = [];
const log = (line: string) => lines.push(line);

/** As Vitest writes it: the tests' own time, without the file's set-up and import. */
const JUNIT = `<testsuites>
  <testsuite name="test/add.test.ts"><testcase classname="test/add.test.ts" name="adds" time="0.001"/></testsuite>
  <testsuite name="test/mul.test.ts"><testcase classname="test/mul.test.ts" name="muls" time="0.001"/></testsuite>
</testsuites>`;

beforeAll(() => {
  repo = makeCalcProject();
  out = mkdtempSync(join(tmpdir(), "superplane-report-cli-"));
  runWithCoverage(repo.dir, join(out, "raw"));
  mkdirSync(join(repo.dir, "reports"), { recursive: true });
  writeFileSync(join(repo.dir, "reports", "junit.xml"), JUNIT);
}, 60_000);

afterAll(() => {
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

const flags = (extra: Record<string, unknown>) => ({
  repo: repo.dir,
  base: "HEAD~1",
  head: "HEAD",
  granularity: "symbol",
  format: "json",
  cache: false,
  ...extra,
});

describe("superplane report, then select reading .git/superplane/", () => {
  it("keeps durations and coverage, and the next select uses them unless told not to", async () => {
    const code = await reportCommand(
      { repo: repo.dir, junit: ["reports/*.xml"], coverageDir: join(out, "raw") },
      log,
    );
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(
      /^kept in .*\.git\/superplane: durations of 2 and coverage of 2 test files$/,
    );
    const state = join(repo.dir, ".git", "superplane");
    const durations = JSON.parse(readFileSync(join(state, "durations.json"), "utf8"));
    // The collector's file time (set-up, import and tests), not the JUnit case's 1 ms.
    const addMs: number = durations.tests["test/add.test.ts"].duration_ms;
    expect(addMs).toBeGreaterThan(1);

    repo.write("src/calc.ts", CALC("b * a"));
    repo.commit("doMul: b * a");
    const selection = join(out, "selection.json");
    const decided = () =>
      (
        JSON.parse(readFileSync(selection, "utf8")) as {
          decisions: { test_path: string; selected: boolean }[];
        }
      ).decisions.map((d) => [d.test_path, d.selected]);
    expect(await selectCommand(flags({ output: selection }), log)).toBe(0);
    expect(decided()).toEqual([
      ["test/add.test.ts", false],
      ["test/mul.test.ts", true],
    ]);
    expect(await selectCommand(flags({ output: selection, state: false }), log)).toBe(0);
    expect(decided()).toEqual([
      ["test/add.test.ts", true],
      ["test/mul.test.ts", true],
    ]);
    // For people: the skipped test priced at the duration the report kept.
    const text = join(out, "selection.txt");
    expect(await selectCommand(flags({ output: text, format: "text" }), log)).toBe(0);
    expect(readFileSync(text, "utf8")).toContain(
      `Estimated time saved: ${formatDuration(addMs)} (1 skipped file at its last measured file duration), from .git/superplane/`,
    );
  });

  it("with --wall-ms keeps each file at its share of the command's wall time", async () => {
    // The JUnit cases say 1 ms each; the command took 3 s: set-up and import are in no case.
    expect(await reportCommand({ repo: repo.dir, junit: ["reports/*.xml"], wallMs: "3000" }, log)).toBe(0);
    const kept = JSON.parse(readFileSync(join(repo.dir, ".git", "superplane", "durations.json"), "utf8"));
    expect([kept.tests["test/add.test.ts"].duration_ms, kept.tests["test/mul.test.ts"].duration_ms]).toEqual([
      1500, 1500,
    ]);
    await expect(
      reportCommand({ repo: repo.dir, junit: ["reports/*.xml"], wallMs: "3 s" }, log),
    ).rejects.toThrow("--wall-ms must be a whole number");
  });

  it("with --selected warns of each selected test no report names: it did not run", async () => {
    const selected = join(out, "selected.txt");
    writeFileSync(selected, "test/add.test.ts\ntest/[id].test.ts\n\n");
    lines.length = 0;
    expect(await reportCommand({ repo: repo.dir, junit: ["reports/*.xml"], selected }, log)).toBe(0);
    expect(lines.filter((line) => line.includes("did not run"))).toEqual([
      "warning: 1 selected test file(s) did not run, so a failure in them would not fail this check: test/[id].test.ts. No JUnit result or coverage time names them: the run command must run every path it is given ({tests} or {tests_file}), and a runner's own include or exclude must not leave one out",
    ]);
    writeFileSync(selected, "test/add.test.ts\ntest/mul.test.ts\n");
    lines.length = 0;
    expect(await reportCommand({ repo: repo.dir, junit: ["reports/*.xml"], selected }, log)).toBe(0);
    expect(lines.filter((line) => line.includes("did not run"))).toEqual([]);
    await expect(
      reportCommand({ repo: repo.dir, junit: ["reports/*.xml"], selected: join(out, "none.txt") }, log),
    ).rejects.toThrow(`--selected ${join(out, "none.txt")}: no such file`);
  });

  it("needs something to report, and warns when no JUnit report matched", async () => {
    await expect(reportCommand({ repo: repo.dir, junit: [] }, log)).rejects.toThrow("--junit");
    expect(await reportCommand({ repo: repo.dir, junit: ["nothing/*.xml"] }, log)).toBe(0);
    expect(lines).toContain("warning: no JUnit report matched nothing/*.xml: no durations were kept");
  });

  it("marks a file flaky when a later report of the job passes what an earlier one failed, and select shows it", async () => {
    const failed = JUNIT.replace(
      '<testcase classname="test/mul.test.ts" name="muls" time="0.001"/>',
      '<testcase classname="test/mul.test.ts" name="muls" time="0.001"><failure message="expected 5 to be 6"/></testcase>',
    );
    mkdirSync(join(repo.dir, "rerun"), { recursive: true });
    // Named so that the alphabet puts them the wrong way round: the order written is what counts.
    writeFileSync(join(repo.dir, "rerun", "b-first.xml"), failed);
    writeFileSync(join(repo.dir, "rerun", "a-again.xml"), JUNIT);
    utimesSync(join(repo.dir, "rerun", "b-first.xml"), new Date(1_000_000), new Date(1_000_000));
    expect(await reportCommand({ repo: repo.dir, junit: ["rerun/*.xml"] }, log)).toBe(0);
    expect(lines.at(-1)).toMatch(/; marked flaky \(failed, then passed\): test\/mul\.test\.ts$/);
    const flaky = JSON.parse(readFileSync(join(repo.dir, ".git", "superplane", "flaky.json"), "utf8"));
    expect(flaky.tests["test/mul.test.ts"].commits).toEqual([repo.git("rev-parse", "HEAD").trim()]);

    // The other order is a pass, then a failure of the same case: no flake is said here.
    utimesSync(join(repo.dir, "rerun", "a-again.xml"), new Date(500_000), new Date(500_000));
    rmSync(join(repo.dir, ".git", "superplane", "flaky.json"));
    expect(await reportCommand({ repo: repo.dir, junit: ["rerun/*.xml"] }, log)).toBe(0);
    expect(lines.at(-1)).not.toContain("flaky");

    utimesSync(join(repo.dir, "rerun", "a-again.xml"), new Date(2_000_000), new Date(2_000_000));
    expect(await reportCommand({ repo: repo.dir, junit: ["rerun/*.xml"] }, log)).toBe(0);
    repo.write("src/calc.ts", CALC("a * b + 0"));
    repo.commit("doMul: a * b + 0");
    const text = join(out, "flaky.txt");
    expect(await selectCommand(flags({ output: text, format: "text", state: true }), log)).toBe(0);
    expect(readFileSync(text, "utf8")).toMatch(
      /Selected, known flaky .*\n {2}test\/mul\.test\.ts {2}on 1 commit\(s\), last [0-9a-f]{12} at /,
    );
    const json = join(out, "flaky.json");
    expect(await selectCommand(flags({ output: json }), log)).toBe(0);
    const known = JSON.parse(readFileSync(json, "utf8")).known_flaky;
    expect(known.map((k: { test_path: string }) => k.test_path)).toEqual(["test/mul.test.ts"]);
    repo.git("reset", "-q", "--hard", "HEAD~1");
  });
});
