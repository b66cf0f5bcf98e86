import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
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
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

function reporterArgs(runner: "vitest" | "jest", output: string): string {
  return runner === "jest"
    ? `--json --outputFile=${quote(output)}`
    : `--reporter=json --outputFile=${quote(output)}`;
}

/** Runs a shell command and waits; the exit code is ignored: failing tests are the point. */
function runShell(command: string, cwd: string, timeoutMs: number): Promise<{ ms: number; log: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1" },
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
}

async function cached(settings: SuiteSettings, key: string, run: () => Promise<Cached>): Promise<Cached> {
  const file = join(settings.cacheDir, `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`);
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
): Promise<Cached & { log: string }> {
  const output = join(settings.cacheDir, `report-${process.pid}.json`);
  await mkdir(settings.cacheDir, { recursive: true });
  await rm(output, { force: true });
  const args = [reporterArgs(settings.runner, output), ...files.map((f) => quote(join(settings.repoDir, f)))];
  const { ms, log } = await runShell(`${command} ${args.join(" ")}`, settings.cwd, settings.timeoutMs);
  // No report: vitest writes none when no test file matched, which for `related` means none.
  if (!existsSync(output)) return { results: [], ms: Math.round(ms), log };
  const results = parseJsonReport(await readFile(output, "utf8"), settings.repoDir);
  return { results: [...results], ms: Math.round(ms), log };
}

/** The command's folder inside the repository: a cache copied to a clone elsewhere still serves. */
const where = (settings: SuiteSettings) => relative(settings.repoDir, settings.cwd) || ".";

/**
 * The suite at a revision (every file, or only `files`), cached by tree and command: a re-run of
 * the evaluation after a selector fix repeats no test run.
 */
export async function runSuite(settings: SuiteSettings, rev: string, files?: string[]): Promise<SuiteResult> {
  const tree = (await git(settings.repoDir, ["rev-parse", `${rev}^{tree}`])).trim();
  const key = JSON.stringify(["suite", tree, settings.testCommand, where(settings), files ?? null]);
  const value = await cached(settings, key, async () => {
    await checkout(settings.repoDir, rev);
    const { log, ...run } = await runReported(settings, settings.testCommand, files ?? []);
    // Thrown before the cache is written, so a re-run after the fix tries again.
    if (files === undefined && run.results.length === 0)
      throw new Error(
        `the test command reported no test at ${rev} (in ${settings.cwd}: ${settings.testCommand}); its output ends:\n${tailOf(log)}`,
      );
    return run;
  });
  return new Map(value.results);
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
