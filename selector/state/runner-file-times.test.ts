import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vitestCoverageReporter } from "../../action/coverage/reporter-path.js";
import { fillFromBatches } from "../../action/run/batch-times.js";
import { fileDurations, readFileTimes, readRunMs } from "./file-times.js";
import { parseJUnitResults } from "./junit-results.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A test file whose module top level takes 500 ms (a slow import) and whose one test takes none. */
const SLOW_IMPORT = (framework: string) =>
  `${framework}\nconst until = Date.now() + 500;\nwhile (Date.now() < until) {}\ntest("quick", () => expect(1).toBe(1));\n`;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "superplane-times-"));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

const run = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  execFileSync(process.execPath, args, { cwd: dir, env: { ...process.env, ...env, CI: "1" }, stdio: "pipe" });

describe("Vitest: each test file's whole time", () => {
  let dir: string;
  let xml: string;
  let wallMs: number;
  beforeAll(() => {
    dir = project({
      "package.json": '{ "type": "module" }\n',
      "slow-import.test.js": SLOW_IMPORT('import { expect, test } from "vitest";'),
      "quick.test.js": 'import { expect, test } from "vitest";\ntest("one", () => expect(2).toBe(2));\n',
    });
    // The README's command: the collector's reporter ({coverage}) beside Vitest's own JUnit.
    const started = performance.now();
    run(
      dir,
      [
        join(ROOT, "node_modules/vitest/vitest.mjs"),
        "run",
        `--reporter=${vitestCoverageReporter()}`,
        "--reporter=junit",
        "--outputFile.junit=reports/junit.xml",
      ],
      { SUPERPLANE_COVERAGE_DIR: join(dir, "raw") },
    );
    wallMs = performance.now() - started;
    xml = readFileSync(join(dir, "reports/junit.xml"), "utf8");
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("JUnit leaves out the import: the slow file's cases and suite report less than the 500 ms import", () => {
    const slow = parseJUnitResults(xml).find((r) => r.test_path === "slow-import.test.js");
    expect(slow?.duration_ms).toBeLessThan(500);
  });

  it("the reporter's file time includes it: at least the 500 ms the module's top level took", async () => {
    const times = await readFileTimes(join(dir, "raw"), dir, (message) => {
      throw new Error(message);
    });
    expect([...times.keys()].sort()).toEqual(["quick.test.js", "slow-import.test.js"]);
    expect(times.get("slow-import.test.js")).toBeGreaterThanOrEqual(500);
    const durations = fileDurations(parseJUnitResults(xml), times);
    expect(durations.find((d) => d.test_path === "slow-import.test.js")).toMatchObject({ source: "runner" });
    expect(durations.find((d) => d.test_path === "slow-import.test.js")!.duration_ms).toBeGreaterThanOrEqual(
      500,
    );
  });

  it("the reporter says how long Vitest ran the files: the slow one inside it, Vitest's start-up outside", async () => {
    const runMs = await readRunMs(join(dir, "raw"));
    expect(runMs).toBeGreaterThanOrEqual(500);
    expect(runMs).toBeLessThan(wallMs);
    const durations = fillFromBatches(
      fileDurations(parseJUnitResults(xml), await readFileTimes(join(dir, "raw"), dir, () => {})),
      [{ tests: ["slow-import.test.js", "quick.test.js"], wall_ms: wallMs, files_ms: runMs! }],
    );
    const total = durations.reduce((sum, d) => sum + d.duration_ms, 0);
    expect(Math.abs(total - runMs!)).toBeLessThanOrEqual(2);
  });

  it("without the reporter, the batch's wall time gives the slow file its share", () => {
    const durations = fillFromBatches(fileDurations(parseJUnitResults(xml), new Map()), [
      { tests: ["slow-import.test.js", "quick.test.js"], wall_ms: wallMs },
    ]);
    const total = durations.reduce((sum, d) => sum + d.duration_ms, 0);
    expect(Math.abs(total - wallMs)).toBeLessThanOrEqual(2);
    expect(durations.find((d) => d.test_path === "slow-import.test.js")!.duration_ms).toBeGreaterThanOrEqual(
      wallMs / 2 - 100,
    );
  });
});

describe("Jest: the file time jest-junit writes as <testsuite time>", () => {
  let dir: string;
  beforeAll(() => {
    dir = project({
      "package.json": '{ "jest": { "testEnvironment": "node" } }\n',
      "slow-import.test.js": SLOW_IMPORT(""),
    });
    run(dir, [join(ROOT, "node_modules/jest/bin/jest.js"), "--ci", "--json", "--outputFile=jest.json"]);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("Jest's perfStats (end - start) include the module's top level; its case time does not", () => {
    // --json writes perfStats.start and .end as startTime and endTime: jest-junit's suite time.
    const report = JSON.parse(readFileSync(join(dir, "jest.json"), "utf8")) as {
      testResults: { startTime: number; endTime: number; assertionResults: { duration: number | null }[] }[];
    };
    const [file] = report.testResults;
    expect(file!.endTime - file!.startTime).toBeGreaterThanOrEqual(500);
    expect(file!.assertionResults[0]!.duration ?? 0).toBeLessThan(500);
  });
});
