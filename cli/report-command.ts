import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import fg from "fast-glob";
import { fillFromBatches } from "../action/run/batch-times.js";
import { diskReader, readRawCoverage, recordsFromRaw } from "../selector/coverage/read-coverage.js";
import type { CoverageRecord } from "../selector/coverage/types.js";
import { runGit } from "../selector/git/run-git.js";
import { recordCoverage } from "../selector/state/coverage-store.js";
import { recordDurations } from "../selector/state/durations-store.js";
import { fileDurations, readFileTimes } from "../selector/state/file-times.js";
import { type FileResult, JUnitError, parseJUnitResults } from "../selector/state/junit-results.js";
import { stateDir } from "../selector/state/state-dir.js";
import { EXIT, UsageError } from "./exit-codes.js";

export interface ReportFlags {
  repo: string;
  junit: string[];
  coverageDir?: string;
  commit?: string;
  /** The test command's wall time, start to exit (`--wall-ms`). */
  wallMs?: string;
}

function wallTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`--wall-ms must be a whole number of milliseconds, not "${text}"`);
  }
  return value;
}

async function readReports(repoDir: string, globs: string[], log: (line: string) => void) {
  const paths = await fg(globs, { cwd: repoDir, onlyFiles: true, dot: true, ignore: ["**/node_modules/**"] });
  const results: FileResult[] = [];
  for (const path of paths.sort()) {
    try {
      results.push(...parseJUnitResults(await readFile(join(repoDir, path), "utf8")));
    } catch (error) {
      if (!(error instanceof JUnitError)) throw error;
      log(`warning: ${path}: ${error.message}`);
    }
  }
  return { paths, results };
}

/** The coverage of the tests that passed (a failing test keeps its older record). */
async function passingRecords(
  repoDir: string,
  dir: string,
  commit: string,
  results: FileResult[],
  log: (line: string) => void,
): Promise<CoverageRecord[]> {
  const raws = await readRawCoverage(resolve(dir), repoDir, log);
  const failed = new Set(results.filter((r) => r.outcome !== "passed").map((r) => r.test_path));
  const records = await recordsFromRaw(raws, diskReader(repoDir), commit);
  return records.filter((record) => !failed.has(record.test));
}

/**
 * `superplane report`: keeps what a test run measured in `.git/superplane/` (each test file's
 * duration: the collector's file times in `--coverage-dir` when the run had its reporter, else the
 * JUnit reports'; the coverage records of the tests that passed), where
 * `superplane select` reads them and a CI cache of the folder carries them to the next job.
 */
export async function reportCommand(flags: ReportFlags, log: (line: string) => void): Promise<number> {
  if (flags.junit.length === 0 && !flags.coverageDir) {
    throw new UsageError("report needs --junit GLOB, --coverage-dir DIR or both");
  }
  const repoDir = resolve(flags.repo);
  const dir = await stateDir(repoDir);
  const commit = flags.commit ?? (await runGit(repoDir, ["rev-parse", "HEAD"])).trim();
  const { paths, results } =
    flags.junit.length > 0 ? await readReports(repoDir, flags.junit, log) : { paths: [], results: [] };
  if (flags.junit.length > 0 && paths.length === 0) {
    log(`warning: no JUnit report matched ${flags.junit.join(", ")}: no durations were kept`);
  }
  const times = flags.coverageDir
    ? await readFileTimes(resolve(flags.coverageDir), repoDir, (message) => log(`warning: ${message}`))
    : new Map<string, number>();
  const wallMs = wallTime(flags.wallMs);
  const measured = fileDurations(results, times);
  // One batch: the command ran every reported file.
  const timed =
    wallMs === undefined
      ? measured
      : fillFromBatches(measured, [{ tests: measured.map((d) => d.test_path), wall_ms: wallMs }]);
  const durations = timed.length > 0 ? await recordDurations(dir, timed, commit, new Date()) : undefined;
  if (durations?.warning) log(`warning: ${durations.warning}`);
  const records = flags.coverageDir
    ? await passingRecords(repoDir, flags.coverageDir, commit, results, log)
    : [];
  const coverage = records.length > 0 ? await recordCoverage(dir, records) : undefined;
  if (coverage?.warning) log(`warning: ${coverage.warning}`);
  log(`kept in ${dir}: durations of ${timed.length} and coverage of ${records.length} test files`);
  return EXIT.ok;
}
