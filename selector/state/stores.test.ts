import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CoverageRecord } from "../coverage/types.js";
import { COVERAGE_FILE, readCoverageStore, recordCoverage } from "./coverage-store.js";
import { DURATIONS_FILE, readDurations, recordDurations } from "./durations-store.js";
import { JUnitError, MAX_FAILURE_MESSAGE, parseJUnitResults } from "./junit-results.js";
import { markUploaded, uploadedTo } from "./upload-mark.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "superplane-state-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SHA = "a".repeat(40);
const record = (test: string, units: number[]): CoverageRecord => ({
  version: 1,
  test,
  commit: SHA,
  files: [{ path: "src/a.ts", blob: "1".repeat(40), units }],
});

describe("durations in .git/superplane/", () => {
  it("keeps each test's last measured duration with when and at which commit", async () => {
    expect(await readDurations(dir)).toEqual({ value: {} });
    await recordDurations(
      dir,
      [
        { test_path: "a.test.ts", duration_ms: 120 },
        { test_path: "b.test.ts", duration_ms: 40 },
      ],
      SHA,
      new Date("2026-01-01T00:00:00Z"),
    );
    await recordDurations(
      dir,
      [{ test_path: "a.test.ts", duration_ms: 90 }],
      "b".repeat(40),
      new Date("2026-01-02T00:00:00Z"),
    );
    expect((await readDurations(dir)).value).toEqual({
      "a.test.ts": { duration_ms: 90, measured_at: "2026-01-02T00:00:00.000Z", commit: "b".repeat(40) },
      "b.test.ts": { duration_ms: 40, measured_at: "2026-01-01T00:00:00.000Z", commit: SHA },
    });
    expect(JSON.parse(readFileSync(join(dir, DURATIONS_FILE), "utf8")).version).toBe(1);
    // Written through a renamed temporary file: none is left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a corrupt or foreign file is a warning and is rebuilt, never a crash", async () => {
    writeFileSync(join(dir, DURATIONS_FILE), '{"version":1,"tests":{"a.test.ts":');
    const torn = await readDurations(dir);
    expect(torn.value).toEqual({});
    expect(torn.warning).toMatch(/not JSON.*rebuilt/);
    writeFileSync(join(dir, DURATIONS_FILE), '{"version":7,"tests":{}}');
    expect((await readDurations(dir)).warning).toMatch(/not in this version's format.*rebuilt/);
    await recordDurations(dir, [{ test_path: "a.test.ts", duration_ms: 5 }], SHA, new Date(0));
    expect(await readDurations(dir)).toEqual({
      value: { "a.test.ts": { duration_ms: 5, measured_at: "1970-01-01T00:00:00.000Z", commit: SHA } },
    });
  });
});

describe("coverage records in .git/superplane/", () => {
  it("keeps the newest record of each test, in the records file format", async () => {
    await recordCoverage(dir, [record("a.test.ts", [0]), record("b.test.ts", [1])]);
    await recordCoverage(dir, [record("a.test.ts", [2])]);
    expect((await readCoverageStore(dir)).value).toEqual([
      record("a.test.ts", [2]),
      record("b.test.ts", [1]),
    ]);
    writeFileSync(join(dir, COVERAGE_FILE), "garbage");
    const broken = await readCoverageStore(dir);
    expect([broken.value, Boolean(broken.warning)]).toEqual([[], true]);
  });
});

describe("the upload mark", () => {
  it("remembers which services received the state", async () => {
    expect(await uploadedTo(dir, "https://a/v1")).toBeUndefined();
    await markUploaded(dir, "https://a/v1", { at: "2026-01-01T00:00:00.000Z", durations: 2, coverage: 1 });
    expect(await uploadedTo(dir, "https://a/v1")).toMatchObject({ durations: 2, coverage: 1 });
    expect(await uploadedTo(dir, "https://b/v1")).toBeUndefined();
  });
});

describe("JUnit results", () => {
  it("sums each file's cases and fails a file with any failed case", () => {
    const xml = `<testsuites><testsuite name="x">
      <testcase classname="a.test.ts" name="one" time="0.25"/>
      <testcase classname="a.test.ts" name="two" time="0.5"><failure/></testcase>
      <testcase classname="b.test.ts" name="three" time="1"><skipped/></testcase>
    </testsuite></testsuites>`;
    expect(parseJUnitResults(xml)).toEqual([
      // A bare <failure/> says nothing but that it failed.
      { test_path: "a.test.ts", outcome: "failed", duration_ms: 750, message: "two: failed" },
      { test_path: "b.test.ts", outcome: "skipped", duration_ms: 1000 },
    ]);
    expect(() => parseJUnitResults("<html>")).toThrow(JUnitError);
  });

  it("gives a failed file its first failure's message, how many more failed, and no more than the limit", () => {
    const long = "x".repeat(MAX_FAILURE_MESSAGE + 10);
    const xml = `<testsuites><testsuite name="x">
      <testcase classname="a.test.ts" name="adds" time="0.1"><failure message="expected 4 to be 3">AssertionError</failure></testcase>
      <testcase classname="a.test.ts" name="subtracts" time="0.1"><error message="boom"/></testcase>
      <testcase classname="a.test.ts" name="passes" time="0.1"/>
      <testcase classname="b.test.ts" name="long" time="0.1"><failure message="${long}"/></testcase>
      <testcase classname="c.test.ts" name="ok" time="0.1"/>
    </testsuite></testsuites>`;
    const [a, b, c] = parseJUnitResults(xml);
    expect(a!.message).toBe("adds: expected 4 to be 3 (and 1 more failing)");
    expect(b!.message).toHaveLength(MAX_FAILURE_MESSAGE);
    expect(b!.message).toMatch(/^long: x+…$/);
    expect(c).not.toHaveProperty("message");
  });

  it("takes a one-file suite's own time when it is longer than its cases' (jest-junit's whole file time)", () => {
    // jest-junit with JEST_JUNIT_ADD_FILE_ATTRIBUTE: one suite per file, timed from Jest's perfStats.
    const xml = `<testsuites time="3.1">
      <testsuite name="calc" time="2.4"><testcase classname="x" file="src/a.test.ts" name="one" time="0.01"/></testsuite>
      <testsuite name="b.test.ts" time="0.1"><testcase classname="b.test.ts" name="two" time="0.3"/></testsuite>
    </testsuites>`;
    expect(parseJUnitResults(xml)).toEqual([
      { test_path: "src/a.test.ts", outcome: "passed", duration_ms: 2400 },
      { test_path: "b.test.ts", outcome: "passed", duration_ms: 300 },
    ]);
  });
});
