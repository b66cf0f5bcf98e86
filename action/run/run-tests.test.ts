import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runTests } from "./run-tests.js";

/**
 * Real commands in a temp workspace. The "runner" records each call's arguments, writes a JUnit
 * report named after the call, and fails the calls listed in FAIL_CALLS.
 */
const workspace = mkdtempSync(join(tmpdir(), "superplane-run-"));
const temp = join(workspace, "runner-temp");
mkdirSync(temp);
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

writeFileSync(
  join(workspace, "runner.mjs"),
  `import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
const args = process.argv.slice(2);
const tests = args[0] === "--list" ? readFileSync(args[1], "utf8").split("\\n").filter(Boolean) : args;
let calls = 0;
try { calls = readFileSync("calls.txt", "utf8").split("\\n").filter(Boolean).length; } catch {}
appendFileSync("calls.txt", JSON.stringify({ tests: tests.length, mode: process.env.SUPERPLANE_MODE, file: process.env.SUPERPLANE_TESTS_FILE }) + "\\n");
mkdirSync("reports", { recursive: true });
writeFileSync("reports/junit-" + (calls % 2) + ".xml", "<testsuites><!-- call " + calls + " --></testsuites>");
process.exit((process.env.FAIL_CALLS ?? "").split(",").includes(String(calls)) ? 3 : 0);
`,
);

const calls = () =>
  readFileSync(join(workspace, "calls.txt"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { tests: number; mode: string; file: string });

function reset(): void {
  rmSync(join(workspace, "calls.txt"), { force: true });
  rmSync(join(workspace, "reports"), { recursive: true, force: true });
}

const many = Array.from({ length: 5000 }, (_, i) => `packages/pkg-${i % 10}/test/case-${i}.test.ts`);

describe("runTests", () => {
  it("runs thousands of tests in batches that fit the command line, each batch's reports collected", async () => {
    reset();
    const log: string[] = [];
    const outcome = await runTests({
      template: "node runner.mjs {tests}",
      tests: many,
      workspace,
      tempDir: temp,
      junit: ["reports/*.xml"],
      env: { SUPERPLANE_MODE: "full", FAIL_CALLS: "" },
      log: (line) => log.push(line),
      shell: "posix",
    });
    const made = calls();
    expect(outcome.batches).toBeGreaterThan(1);
    expect(made).toHaveLength(outcome.batches);
    expect(made.reduce((sum, call) => sum + call.tests, 0)).toBe(many.length);
    expect(made.every((call) => call.mode === "full")).toBe(true);
    expect(made.map((call) => call.file)).toEqual(
      made.map((_, i) => join(temp, `superplane-tests-${i + 1}.txt`)),
    );
    // Two report files, rewritten in turn: each rewrite is a new report.
    expect(outcome.reports.map((r) => r.path)).toEqual(made.map((_, i) => `reports/junit-${i % 2}.xml`));
    expect(log[0]).toMatch(/^\$ node runner\.mjs packages\/.*… \(batch 1 of \d+, \d+ tests\)$/);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.times.map((t) => t.tests.length)).toEqual(made.map((call) => call.tests));
  });

  it("times each batch from start to exit", async () => {
    reset();
    const outcome = await runTests({
      template: 'node -e "setTimeout(() => {}, 400)" {tests}',
      tests: ["a.test.ts", "b.test.ts"],
      workspace,
      tempDir: temp,
      junit: [],
      env: {},
      log: () => {},
      shell: "posix",
    });
    expect(outcome.times).toHaveLength(1);
    expect(outcome.times[0]!.tests).toEqual(["a.test.ts", "b.test.ts"]);
    expect(outcome.times[0]!.wall_ms).toBeGreaterThanOrEqual(400);
  });

  it("runs every batch after one fails, and returns the first failure's exit code", async () => {
    reset();
    const outcome = await runTests({
      template: "node runner.mjs {tests}",
      tests: many,
      workspace,
      tempDir: temp,
      junit: ["reports/*.xml"],
      env: { FAIL_CALLS: "0" },
      log: () => {},
      shell: "posix",
    });
    expect(calls()).toHaveLength(outcome.batches);
    expect(outcome.exitCode).toBe(3);
  });

  it("hands {tests_file} over as one file, and ignores reports that were there before", async () => {
    reset();
    mkdirSync(join(workspace, "reports"));
    writeFileSync(join(workspace, "reports", "old.xml"), "<testsuites/>");
    const outcome = await runTests({
      template: "node runner.mjs --list {tests_file}",
      tests: many,
      workspace,
      tempDir: temp,
      junit: ["reports/*.xml"],
      env: {},
      log: () => {},
      shell: "posix",
    });
    expect(outcome.batches).toBe(1);
    expect(calls().map((call) => call.tests)).toEqual([5000]);
    expect(outcome.reports.map((r) => r.path)).toEqual(["reports/junit-0.xml"]);
    expect(readFileSync(join(temp, "superplane-tests-1.txt"), "utf8")).toBe(
      many.map((t) => `${t}\n`).join(""),
    );
  });
});
