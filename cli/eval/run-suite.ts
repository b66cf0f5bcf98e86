import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { readRawCoverage, recordsFromRaw } from "../../selector/coverage/read-coverage.js";
import { COLLECTOR_VERSION, type CoverageRecord, type RawCoverage } from "../../selector/coverage/types.js";
import { readBlobs } from "../../selector/repo/git-tree.js";
import { git } from "./eval-git.js";
import { parseJsonReport, type SuiteResult } from "./suite-report.js";

export interface SuiteSettings {
  repoDir: string;
  /** Where the test command runs (a package directory in a monorepo). */
  cwd: string;
  /** The repository's test command, e.g. `npx vitest run --typecheck`. */
  testCommand: string;
  /** The runner's own related-tests command; changed files are appended. */
  relatedCommand: string;
  runner: "vitest" | "jest";
  cacheDir: string;
  timeoutMs: number;
  /**
   * The coverage collector's Vitest reporter (dist/coverage/vitest-reporter.js): full runs then
   * record which functions each test file ran.
   */
  coverageReporter?: string;
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

function reporterArgs(runner: "vitest" | "jest", output: string): string {
  return runner === "jest"
    ? `--json --outputFile=${quote(output)}`
    : `--reporter=json --outputFile=${quote(output)}`;
}

/** Runs a shell command and waits; the exit code is ignored: failing tests are the point. */
function runShell(
  command: string,
  cwd: string,
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<{ ms: number; log: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1", ...env },
    });
    const tail: string[] = [];
    const keep = (chunk: Buffer) => {
      tail.push(chunk.toString("utf8"));
      if (tail.length > 50) tail.shift();
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", () => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - started, log: tail.join("") });
    });
  });
}

async function checkout(repoDir: string, rev: string): Promise<void> {
  await git(repoDir, ["checkout", "-q", "-f", "--detach", rev]);
}

interface Cached {
  results: [string, { outcome: "passed" | "failed"; durationMs: number }][];
  ms: number;
  /** The collector's output, repository-relative: records are made from it when read. */
  coverage?: RawCoverage[];
}

const cacheFile = (settings: SuiteSettings, key: string) =>
  join(settings.cacheDir, `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`);

async function cached(settings: SuiteSettings, key: string, run: () => Promise<Cached>): Promise<Cached> {
  const file = cacheFile(settings, key);
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as Cached;
  const value = await run();
  await mkdir(settings.cacheDir, { recursive: true });
  await writeFile(file, JSON.stringify(value));
  return value;
}

/** The last lines of a command's output, for an error message that shows what went wrong. */
function tailOf(log: string, lines = 15): string {
  return log.trimEnd().split("\n").slice(-lines).join("\n");
}

async function runReported(
  settings: SuiteSettings,
  command: string,
  files: string[],
  collectCoverage = false,
): Promise<Cached & { log: string }> {
  const output = join(settings.cacheDir, `report-${process.pid}.json`);
  const coverageDir = join(settings.cacheDir, `coverage-${process.pid}`);
  await mkdir(settings.cacheDir, { recursive: true });
  await rm(output, { force: true });
  await rm(coverageDir, { recursive: true, force: true });
  const collect = collectCoverage && settings.coverageReporter !== undefined;
  const args = [reporterArgs(settings.runner, output), ...files.map((f) => quote(join(settings.repoDir, f)))];
  if (collect) args.unshift(`--reporter=${quote(settings.coverageReporter!)}`);
  const env: Record<string, string> = collect ? { SUPERPLANE_COVERAGE_DIR: coverageDir } : {};
  const { ms, log } = await runShell(`${command} ${args.join(" ")}`, settings.cwd, settings.timeoutMs, env);
  // No report: vitest writes none when no test file matched, which for `related` means none.
  if (!existsSync(output)) return { results: [], ms: Math.round(ms), log };
  const results = parseJsonReport(await readFile(output, "utf8"), settings.repoDir);
  const run: Cached & { log: string } = { results: [...results], ms: Math.round(ms), log };
  if (collect) {
    run.coverage = await readRawCoverage(coverageDir, settings.repoDir, (message) => {
      run.log += `\n${message}`;
    });
    await rm(coverageDir, { recursive: true, force: true });
  }
  return run;
}

/** The command's folder inside the repository: a cache copied to a clone elsewhere still serves. */
const where = (settings: SuiteSettings) => relative(settings.repoDir, settings.cwd) || ".";

/**
 * The suite at a revision (every file, or only `files`), cached by tree and command: a re-run of
 * the evaluation after a selector fix repeats no test run.
 */
export async function runSuite(settings: SuiteSettings, rev: string, files?: string[]): Promise<SuiteResult> {
  return (await runSuiteWithCoverage(settings, rev, files, false)).results;
}

/**
 * The suite at a revision with, when `coverage` is asked for and a collector is set, each test
 * file's coverage record. Cached under another key than a run without.
 */
export async function runSuiteWithCoverage(
  settings: SuiteSettings,
  rev: string,
  files: string[] | undefined,
  coverage: boolean,
): Promise<{ results: SuiteResult; coverage?: CoverageRecord[] }> {
  const tree = (await git(settings.repoDir, ["rev-parse", `${rev}^{tree}`])).trim();
  const collect = coverage && settings.coverageReporter !== undefined;
  const keyOf = (list: string[] | null) =>
    JSON.stringify([
      "suite",
      tree,
      settings.testCommand,
      where(settings),
      list,
      ...(collect ? ["coverage", COLLECTOR_VERSION] : []),
    ]);
  // A whole run already made holds every file's result and record: no need to run a part of it.
  const whole = keyOf(null);
  const key = files !== undefined && existsSync(cacheFile(settings, whole)) ? whole : keyOf(files ?? null);
  const value = await cached(settings, key, async () => {
    await checkout(settings.repoDir, rev);
    const { log, ...run } = await runReported(settings, settings.testCommand, files ?? [], collect);
    // Thrown before the cache is written, so a re-run after the fix tries again.
    if (files === undefined && run.results.length === 0)
      throw new Error(
        `the test command reported no test at ${rev} (in ${settings.cwd}: ${settings.testCommand}); its output ends:\n${tailOf(log)}`,
      );
    if (collect && (run.coverage?.length ?? 0) === 0)
      throw new Error(
        `the coverage collector recorded no test at ${rev} (in ${settings.cwd}: ${settings.testCommand}): ` +
          "Vitest must run each test file in isolation (add --isolate to the test command), or pass --no-coverage; " +
          `its output ends:\n${tailOf(log)}`,
      );
    return run;
  });
  if (!value.coverage) return { results: new Map(value.results) };
  const commit = (await git(settings.repoDir, ["rev-parse", rev])).trim();
  const read = (wanted: readonly { blob: string }[]) =>
    readBlobs(
      settings.repoDir,
      wanted.map((w) => w.blob),
    );
  return { results: new Map(value.results), coverage: await recordsFromRaw(value.coverage, read, commit) };
}

/** What the runner's related-tests feature picks for the changed files at a revision, and its time. */
export async function relatedTests(
  settings: SuiteSettings,
  rev: string,
  changedFiles: string[],
): Promise<{ selected: Set<string>; ms: number }> {
  const tree = (await git(settings.repoDir, ["rev-parse", `${rev}^{tree}`])).trim();
  const key = JSON.stringify(["related", tree, settings.relatedCommand, where(settings), changedFiles]);
  const value = await cached(settings, key, async () => {
    await checkout(settings.repoDir, rev);
    const { log: _log, ...run } = await runReported(settings, settings.relatedCommand, changedFiles);
    return run;
  });
  return { selected: new Set(value.results.map(([path]) => path)), ms: value.ms };
}
