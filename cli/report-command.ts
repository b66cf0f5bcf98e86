import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import fg from "fast-glob";
import { fillFromBatches, withFilesMs } from "../action/run/batch-times.js";
import { diskReader, readRawCoverage, recordsFromRaw } from "../selector/coverage/read-coverage.js";
import type { CoverageRecord } from "../selector/coverage/types.js";
import { runGit } from "../selector/git/run-git.js";
import { readCollectorFlaky } from "../selector/state/collector-flaky.js";
import { recordCoverage } from "../selector/state/coverage-store.js";
import { recordDurations } from "../selector/state/durations-store.js";
import { fileDurations, readFileTimes, readRunMs, resultsToSend } from "../selector/state/file-times.js";
import { flakyInJob, recordFlaky } from "../selector/state/flaky-store.js";
import {
  type FileResult,
  fileResults,
  type JUnitCase,
  JUnitError,
  parseJUnitCases,
} from "../selector/state/junit-results.js";
import { stateDir } from "../selector/state/state-dir.js";
import { unrunNote, unrunTests } from "../selector/state/unrun-tests.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { reportToService, type ServiceFlags, serviceTarget } from "./report-service.js";

export interface ReportFlags extends ServiceFlags {
  repo: string;
  junit: string[];
  coverageDir?: string;
  commit?: string;
  /** The test command's wall time, start to exit (`--wall-ms`). */
  wallMs?: string;
  /** The file `select --format list --output` wrote: each test in it must have a result. */
  selected?: string;
}

function wallTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`--wall-ms must be a whole number of milliseconds, not "${text}"`);
  }
  return value;
}

/**
 * Each selected test (`--selected`, one path a line) that no JUnit result and no coverage time names
 * did not run, whatever the test command's exit code: a warning names it, as the action's does.
 */
async function warnUnrun(
  file: string,
  results: readonly { test_path: string }[],
  times: ReadonlyMap<string, number>,
  log: (line: string) => void,
): Promise<void> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--selected ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  const selected = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const unrun = unrunTests(selected, { results: results.map((r) => r.test_path), timed: times.keys() });
  if (unrun && unrun.length > 0) log(`warning: ${unrunNote(unrun, "").message}`);
}

/** The reports in the order they were written (a re-run's report after the first run's). */
async function writtenInOrder(repoDir: string, paths: string[]): Promise<string[]> {
  const stamped = await Promise.all(
    paths.map(async (path) => ({ path, at: (await stat(join(repoDir, path))).mtimeMs })),
  );
  return stamped.sort((a, b) => a.at - b.at || a.path.localeCompare(b.path)).map((s) => s.path);
}

async function readReports(repoDir: string, globs: string[], log: (line: string) => void) {
  const found = await fg(globs, { cwd: repoDir, onlyFiles: true, dot: true, ignore: ["**/node_modules/**"] });
  const paths = await writtenInOrder(repoDir, found);
  const reports: { path: string; xml: string; cases: JUnitCase[] }[] = [];
  for (const path of paths) {
    const xml = await readFile(join(repoDir, path), "utf8");
    try {
      reports.push({ path, xml, cases: parseJUnitCases(xml) });
    } catch (error) {
      if (!(error instanceof JUnitError)) throw error;
      log(`warning: ${path}: ${error.message}`);
    }
  }
  const results: FileResult[] = reports.flatMap((r) => fileResults(r.cases));
  return { paths, reports, results };
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
 * JUnit reports', each its share of `--wall-ms` when given; the coverage records of the tests that passed, a flaky mark
 * for a file that failed and then passed), where `superplane select` reads them and a CI cache
 * of the folder carries them to the next job. With a run id it also sends the results and the
 * coverage to the service's run, as the action does.
 */
export async function reportCommand(
  flags: ReportFlags,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (flags.junit.length === 0 && !flags.coverageDir) {
    throw new UsageError("report needs --junit GLOB, --coverage-dir DIR or both");
  }
  const target = serviceTarget(flags, env);
  const wallMs = wallTime(flags.wallMs);
  const repoDir = resolve(flags.repo);
  const dir = await stateDir(repoDir);
  const commit = flags.commit ?? (await runGit(repoDir, ["rev-parse", "HEAD"])).trim();
  const { paths, reports, results } =
    flags.junit.length > 0
      ? await readReports(repoDir, flags.junit, log)
      : { paths: [], reports: [], results: [] };
  if (flags.junit.length > 0 && paths.length === 0) {
    log(`warning: no JUnit report matched ${flags.junit.join(", ")}: no durations were kept`);
  }
  const times = flags.coverageDir
    ? await readFileTimes(resolve(flags.coverageDir), repoDir, (message) => log(`warning: ${message}`))
    : new Map<string, number>();
  if (flags.selected) await warnUnrun(flags.selected, results, times, log);
  const measured = fileDurations(results, times);
  const runMs = flags.coverageDir ? await readRunMs(resolve(flags.coverageDir)) : undefined;
  // One batch: the command ran every reported file.
  const batch = { tests: measured.map((d) => d.test_path), wall_ms: wallMs ?? 0 };
  const timed = wallMs === undefined ? measured : fillFromBatches(measured, withFilesMs([batch], runMs));
  const durations = timed.length > 0 ? await recordDurations(dir, timed, commit, new Date()) : undefined;
  if (durations?.warning) log(`warning: ${durations.warning}`);
  const records = flags.coverageDir
    ? await passingRecords(repoDir, flags.coverageDir, commit, results, log)
    : [];
  const coverage = records.length > 0 ? await recordCoverage(dir, records) : undefined;
  if (coverage?.warning) log(`warning: ${coverage.warning}`);
  const collected = flags.coverageDir
    ? await readCollectorFlaky(resolve(flags.coverageDir), repoDir, (m) => log(`warning: ${m}`))
    : [];
  const flaky = [...new Set([...flakyInJob(reports.map((r) => r.cases)), ...collected])].sort();
  const marks = flaky.length > 0 ? await recordFlaky(dir, flaky, commit, new Date()) : undefined;
  if (marks?.warning) log(`warning: ${marks.warning}`);
  log(
    `kept in ${dir}: durations of ${timed.length} and coverage of ${records.length} test files` +
      (flaky.length > 0 ? `; marked flaky (failed, then passed): ${flaky.join(", ")}` : ""),
  );
  if (target) {
    const sent = resultsToSend(results, timed);
    await reportToService(target, {
      reports,
      results: sent,
      ...(wallMs !== undefined ? { wallMs } : {}),
      records,
      commit,
      log,
    });
  }
  return EXIT.ok;
}
