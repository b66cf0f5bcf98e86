/**
 * The three runs research/mutants.ts makes per mutant: the repository's suite (the oracle, cached),
 * the runner's related-tests listing (cached: it does not change with SuperPlane) and SuperPlane's
 * selection, run as a command of any checkout's build so a newer selector re-scores the same mutants.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseJsonReport } from "../cli/eval/suite-report.js";
import type { Chosen } from "./mutant-score.js";

export type Runner = "vitest" | "jest";

export interface RunSettings {
  repo: string;
  /** The repository's full test command, without a reporter (added here). */
  command: string;
  runner: Runner;
  /** The command listing the runner's related tests; the changed file is appended. */
  related: string;
  cacheDir: string;
  /** HEAD's tree: outcomes hold for one tree. */
  tree: string;
  timeoutMs: number;
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

function cacheFile(settings: RunSettings, parts: readonly string[]): string {
  const key = createHash("sha256")
    .update([settings.tree, ...parts].join("\0"))
    .digest("hex")
    .slice(0, 24);
  return join(settings.cacheDir, `${key}.json`);
}

function cached<T>(file: string, run: () => T): T {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as T;
  const value = run();
  writeFileSync(file, JSON.stringify(value));
  return value;
}

/** Exit status of coreutils `timeout` when the time ran out. */
const TIMED_OUT = 124;

/**
 * Runs a shell command under coreutils `timeout`, which kills the whole process group: a mutant that
 * loops forever must not leave the runner's workers spinning after the run is given up.
 */
function shell(command: string, cwd: string, timeoutMs: number): { stdout: string; status: number | null } {
  const seconds = String(Math.ceil(timeoutMs / 1000));
  const run = spawnSync("timeout", ["-k", "10", seconds, "sh", "-c", command], {
    cwd,
    encoding: "utf8",
    timeout: timeoutMs + 30_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CI: "1" },
  });
  return { stdout: run.stdout ?? "", status: run.status };
}

export interface SuiteOutcome {
  /** Every test file the runner reported. */
  files: string[];
  failing: string[];
  /** The suite ran past the timeout (a mutant that loops forever): no ground truth, not scored. */
  timedOut?: boolean;
}

/**
 * The suite's test files and those failing, with the worktree as it is; cached per tree, command
 * and `key` (the mutant, or "none"). A run that reports nothing is an error, never cached.
 */
export function runSuite(settings: RunSettings, key: string): SuiteOutcome {
  return cached(cacheFile(settings, ["suite", settings.command, key]), () => {
    const report = join(settings.cacheDir, `report-${process.pid}.json`);
    rmSync(report, { force: true });
    const reporter =
      settings.runner === "jest"
        ? `--json --outputFile=${quote(report)}`
        : `--reporter=json --outputFile=${quote(report)}`;
    const { status } = shell(`${settings.command} ${reporter}`, settings.repo, settings.timeoutMs);
    if (status === TIMED_OUT && key !== "none") return { files: [], failing: [], timedOut: true };
    if (!existsSync(report))
      throw new Error(`mutants: the test command wrote no JSON report (${settings.command})`);
    const results = parseJsonReport(readFileSync(report, "utf8"), settings.repo);
    rmSync(report);
    const files = [...results.keys()].sort();
    if (files.length === 0)
      throw new Error(`mutants: the test command reported no test file (${settings.command})`);
    return { files, failing: files.filter((f) => results.get(f)!.outcome === "failed") };
  });
}

const LIST_RELATED = fileURLToPath(new URL("../cli/eval/list-related.js", import.meta.url));

/**
 * Vitest: what `vitest related FILE --run` would run, listed through its node API without running a
 * test (cli/eval/list-related.ts), with the test command's `--config`. Jest: `--findRelatedTests
 * FILE --listTests --json`, which lists without running.
 */
export function defaultRelated(command: string, runner: Runner): string {
  if (runner === "jest") return `${command} --listTests --json --findRelatedTests`;
  const config = /--config[= ](\S+)/.exec(command)?.[1];
  return `node ${quote(LIST_RELATED)}${config ? ` --config ${config}` : ""}`;
}

const toRepoPath = (repo: string, name: string) =>
  (isAbsolute(name) ? relative(repo, name) : name).split(sep).join("/");

/** Test files (repository-relative) named by a Jest `--listTests --json` output or a vitest-shaped report. */
export function parseListed(repo: string, text: string): string[] {
  const start = text.indexOf("[");
  const body = text.trimStart().startsWith("{") ? text : text.slice(start);
  const parsed = JSON.parse(body) as string[] | { testResults: { name: string }[] };
  const names = Array.isArray(parsed) ? parsed : parsed.testResults.map((t) => t.name);
  return [...new Set(names.map((name) => toRepoPath(repo, name)))].sort();
}

export interface RelatedOutcome {
  files: string[];
  /** The command failed: it listed nothing (a CI step would fail, not run fewer tests). */
  error?: string;
}

/** The runner's related tests for the changed `file`; cached per tree, command and mutant. */
export function runRelated(settings: RunSettings, key: string, file: string): RelatedOutcome {
  return cached(cacheFile(settings, ["related", settings.related, key]), () => {
    const path = quote(join(settings.repo, file));
    if (settings.runner === "jest") {
      const { stdout, status } = shell(`${settings.related} ${path}`, settings.repo, settings.timeoutMs);
      try {
        return { files: parseListed(settings.repo, stdout) };
      } catch {
        return { files: [], error: `exit ${status}: ${stdout.slice(0, 300)}` };
      }
    }
    const report = join(settings.cacheDir, `related-${process.pid}.json`);
    rmSync(report, { force: true });
    const { stdout, status } = shell(
      `${settings.related} --outputFile=${quote(report)} ${path} 2>&1`,
      settings.repo,
      settings.timeoutMs,
    );
    if (!existsSync(report)) return { files: [], error: `exit ${status}: ${stdout.slice(-300)}` };
    const files = parseListed(settings.repo, readFileSync(report, "utf8"));
    rmSync(report);
    return { files };
  });
}

export interface SuperPlaneOutcome {
  chosen: Chosen;
  warnings: string[];
  fullReason?: string;
}

interface SelectJson {
  mode: "selective" | "full";
  full_reason?: string;
  decisions: { test_path: string; selected: boolean }[];
  warnings: { message?: string; file?: string; line?: number; code?: string }[];
}

/**
 * SuperPlane's default selection for the uncommitted mutant (HEAD -> working tree), run as
 * `node BIN select`: BIN is any checkout's bin/superplane.js, so another build scores the same mutants.
 */
export function runSuperPlane(bin: string, repo: string, timeoutMs: number): SuperPlaneOutcome {
  const run = spawnSync(
    process.execPath,
    [bin, "select", "--repo", repo, "--base", "HEAD", "--head", "WORKTREE", "--format", "json", "--no-cache"],
    { encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
  );
  if (!run.stdout?.trim()) throw new Error(`mutants: superplane select printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as SelectJson;
  const warnings = result.warnings.map((w) =>
    [w.code, w.file && `${w.file}${w.line ? `:${w.line}` : ""}`, w.message].filter(Boolean).join(" "),
  );
  if (result.mode === "full") return { chosen: "all", warnings, fullReason: result.full_reason ?? "" };
  return { chosen: new Set(result.decisions.filter((d) => d.selected).map((d) => d.test_path)), warnings };
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
