import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FLAKY_FILE, flakyInJob, readFlakyMarks, recordFlaky } from "./flaky-store.js";
import { parseJUnitCases } from "./junit-results.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "superplane-flaky-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Vitest 4.0's JUnit report of one run of a file: `flips` failing, `steady` passing. */
const vitestRun = (flips: "passed" | "failed") => `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="2" failures="${flips === "failed" ? 1 : 0}" errors="0" time="0.005">
    <testsuite name="test/flip.test.ts" timestamp="2026-12-07T08:01:08.209Z" hostname="vm" tests="2" failures="${flips === "failed" ? 1 : 0}" errors="0" skipped="0" time="0.005">
        <testcase classname="test/flip.test.ts" name="flips" time="0.003">${
          flips === "failed"
            ? `
            <failure message="expected 1 to be greater than 1" type="AssertionError">
AssertionError: expected 1 to be greater than 1
 ❯ test/flip.test.ts:3:39
            </failure>
        `
            : "\n        "
        }</testcase>
        <testcase classname="test/flip.test.ts" name="steady" time="0.0002">
        </testcase>
    </testsuite>
</testsuites>`;

/** Maven Surefire with `rerunFailingTestsCount`: a test that passed on its second try. */
const SUREFIRE = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="com.example.ClockTest" time="0.12" tests="2" errors="0" skipped="0" failures="0" flakes="1">
  <testcase name="ticks" classname="com.example.ClockTest" time="0.05">
    <flakyFailure message="expected: &lt;2&gt; but was: &lt;1&gt;" type="org.opentest4j.AssertionFailedError">
      <stackTrace>org.opentest4j.AssertionFailedError: expected: &lt;2&gt; but was: &lt;1&gt;
	at com.example.ClockTest.ticks(ClockTest.java:14)</stackTrace>
    </flakyFailure>
  </testcase>
  <testcase name="stops" classname="com.example.ClockTest" time="0.01"/>
</testsuite>`;

describe("flaky tests in one job's JUnit reports", () => {
  it("a case that failed in one report and passed in a later one (the job ran it again)", () => {
    const reports = [vitestRun("failed"), vitestRun("passed")].map(parseJUnitCases);
    expect(flakyInJob(reports)).toEqual(["test/flip.test.ts"]);
  });

  it("a failure that never passed is no flake, nor a pass before a failure of another case", () => {
    expect(flakyInJob([vitestRun("failed"), vitestRun("failed")].map(parseJUnitCases))).toEqual([]);
    expect(flakyInJob([parseJUnitCases(vitestRun("failed"))])).toEqual([]);
  });

  it("Surefire's flakyFailure in a passing case; its rerun failures in a failed case are failures", () => {
    expect(flakyInJob([parseJUnitCases(SUREFIRE)])).toEqual(["com.example.ClockTest"]);
    const failedEveryTry = SUREFIRE.replace(
      /<flakyFailure([^>]*)>([\s\S]*?)<\/flakyFailure>/,
      "<failure$1>$2</failure><rerunFailure$1>$2</rerunFailure>",
    );
    expect(flakyInJob([parseJUnitCases(failedEveryTry)])).toEqual([]);
  });

  it("Vitest's --retry leaves no trace in its JUnit report: a retried pass reads as a pass", () => {
    // What Vitest 4.0.14 wrote for `--retry 2` where `flips` failed once and passed on the retry
    // (checked with a real run; the coverage reporter is what sees it, collector-flaky.test.ts).
    expect(flakyInJob([parseJUnitCases(vitestRun("passed"))])).toEqual([]);
  });
});

describe("flaky marks in .git/superplane/", () => {
  it("keeps each file's commits once per commit, newest last, and when it last flipped", async () => {
    expect(await readFlakyMarks(dir)).toEqual({ value: {} });
    await recordFlaky(dir, ["a.test.ts"], "c1", new Date("2026-01-01T00:00:00Z"));
    await recordFlaky(dir, ["a.test.ts", "b.test.ts"], "c2", new Date("2026-01-02T00:00:00Z"));
    // The same commit again (a re-run job): counted once, moved to the end.
    await recordFlaky(dir, ["a.test.ts"], "c1", new Date("2026-01-03T00:00:00Z"));
    expect((await readFlakyMarks(dir)).value).toEqual({
      "a.test.ts": { commits: ["c2", "c1"], last_seen_at: "2026-01-03T00:00:00.000Z" },
      "b.test.ts": { commits: ["c2"], last_seen_at: "2026-01-02T00:00:00.000Z" },
    });
    expect(JSON.parse(readFileSync(join(dir, FLAKY_FILE), "utf8")).version).toBe(1);
  });

  it("keeps the last 20 commits of a file that flips often", async () => {
    for (let i = 0; i < 25; i++) await recordFlaky(dir, ["a.test.ts"], `c${i}`, new Date(i));
    const commits = (await readFlakyMarks(dir)).value["a.test.ts"]!.commits;
    expect(commits).toHaveLength(20);
    expect([commits[0], commits.at(-1)]).toEqual(["c5", "c24"]);
  });

  it("a foreign file is a warning and is rebuilt", async () => {
    writeFileSync(join(dir, FLAKY_FILE), '{"version":1,"tests":{"a.test.ts":{"commits":[]}}}');
    const loaded = await readFlakyMarks(dir);
    expect(loaded.value).toEqual({});
    expect(loaded.warning).toMatch(/not in this version's format.*rebuilt/);
    const written = await recordFlaky(dir, ["b.test.ts"], "c1", new Date(0));
    expect(Object.keys(written.value)).toEqual(["b.test.ts"]);
  });
});
