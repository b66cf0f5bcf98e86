import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { REPO_ROOT, type SoundnessCase } from "./cases.js";

/** A test file's outcome: the runner's own word ("passed", "failed"), with its message when it failed. */
export interface FileOutcome {
  status: string;
  message: string;
}

/** Absolute test file path -> outcome, over every case and both sides. */
export type RunResults = ReadonlyMap<string, FileOutcome>;

const CONFIG_NAMES = ["vitest.config", "vite.config"].flatMap((base) =>
  ["ts", "mts", "cts", "js", "mjs", "cjs"].map((ext) => `${base}.${ext}`),
);

const configOf = (dir: string) => CONFIG_NAMES.map((name) => join(dir, name)).find(existsSync);

/** Every folder the runner runs: each root of each case, at the base and at the change. */
function projectDirs(cases: readonly SoundnessCase[]): { dir: string; isolate: boolean }[] {
  return cases.flatMap((c) =>
    [c.baseDir, c.changeDir].flatMap((side) =>
      (c.roots ?? ["."]).map((r) => ({ dir: join(side, r), isolate: c.isolate === true })),
    ),
  );
}

const TEST_GLOB = "**/*.{test,spec}.?(c|m)[jt]s?(x)";

/**
 * One Vitest process for every case. A folder with its own config is a project of its own rooted
 * there, extending that config (setup files, aliases); the others share two projects. Files run
 * without isolation (a new module graph per file costs five times the run) unless the case asks
 * for it ("isolate": mocks, globals). Project names must be unique: folder paths.
 * Every project names its pool: a project does not inherit the root's `pool` (only `extends: true`
 * would), so each of the ~50 projects started a forked process of its own, about 0.6 s of CPU each.
 * In worker threads the run took 32 s of CPU instead of 46, every file with the same outcome. No
 * case config sets a pool; a case whose tests call process.chdir (not allowed in a thread) would.
 */
function vitestConfig(dirs: readonly { dir: string; isolate: boolean }[], root: string): string {
  const name = (dir: string) => dir.slice(root.length + 1);
  const projects: object[] = [];
  const plain = { shared: [] as string[], isolated: [] as string[] };
  for (const { dir, isolate } of dirs) {
    const config = configOf(dir);
    if (config)
      projects.push({ extends: config, test: { name: name(dir), root: dir, isolate, pool: "threads" } });
    else (isolate ? plain.isolated : plain.shared).push(`${name(dir)}/${TEST_GLOB}`);
  }
  if (plain.shared.length > 0)
    projects.push({ test: { name: "shared", root, include: plain.shared, isolate: false, pool: "threads" } });
  if (plain.isolated.length > 0)
    projects.push({ test: { name: "isolated", root, include: plain.isolated, pool: "threads" } });
  // Results are what count: no cache or watcher state shared with this repository's own runs.
  const config = { cacheDir: join(root, ".vite"), test: { pool: "threads", projects } };
  return `export default ${JSON.stringify(config, null, 2)};\n`;
}

/** What Vitest's and Jest's JSON reporters share. */
interface JsonReport {
  testResults: { name: string; status: string; message?: string }[];
}

/** This process's environment without the variables of the Vitest that runs the suite itself. */
export function runnerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", NODE_ENV: "test" };
  for (const name of Object.keys(env)) if (name.startsWith("VITEST") || name === "TEST") delete env[name];
  return env;
}

function run(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve) => {
    // Exit code 1 is the expected outcome (the changes fail tests): the JSON report is the result.
    execFile(process.execPath, args, { cwd, env: runnerEnv(), maxBuffer: 64 * 1024 * 1024 }, () => resolve());
  });
}

function readReport(file: string, into: Map<string, FileOutcome>): void {
  if (!existsSync(file)) throw new Error(`the runner wrote no report at ${file}`);
  const report = JSON.parse(readFileSync(file, "utf8")) as JsonReport;
  for (const { name, status, message } of report.testResults) {
    // Without colours and code frames: the first lines say what broke.
    const text = stripVTControlCharacters(message ?? "")
      .trim()
      .split("\n")
      .slice(0, 3)
      .join(" ");
    into.set(name, { status, message: text });
  }
}

async function runVitest(
  dirs: readonly { dir: string; isolate: boolean }[],
  root: string,
  into: Map<string, FileOutcome>,
): Promise<void> {
  const config = join(root, "vitest.soundness.config.mjs");
  const out = join(root, "vitest-report.json");
  writeFileSync(config, vitestConfig(dirs, root));
  const bin = join(REPO_ROOT, "node_modules", "vitest", "vitest.mjs");
  await run([bin, "run", "--config", config, "--root", root, "--reporter=json", `--outputFile=${out}`], root);
  readReport(out, into);
}

/** One Jest process for every Jest case; each project folder carries its own jest.config. */
async function runJest(dirs: readonly string[], root: string, into: Map<string, FileOutcome>): Promise<void> {
  const out = join(root, "jest-report.json");
  const bin = join(REPO_ROOT, "node_modules", "jest", "bin", "jest.js");
  // No --rootDir: it would override each project's own. A cache of our own: ts-jest caches its
  // diagnostics by file, and a cache shared between runs must not decide what a case proves.
  const cache = join(root, ".jest-cache");
  // In band: the Vitest run holds the other core, and Jest's workers would only add start-up.
  await run(
    [
      bin,
      "--ci",
      "--runInBand",
      "--json",
      `--outputFile=${out}`,
      `--cacheDirectory=${cache}`,
      "--projects",
      ...dirs,
    ],
    root,
  );
  readReport(out, into);
}

/** Runs every case's tests on both sides, one process per runner, the runners side by side. */
export async function runAllCases(cases: readonly SoundnessCase[], root: string): Promise<RunResults> {
  const results = new Map<string, FileOutcome>();
  const vitest = projectDirs(cases.filter((c) => c.runner === "vitest"));
  const jest = projectDirs(cases.filter((c) => c.runner === "jest")).map((p) => p.dir);
  await Promise.all([
    vitest.length > 0 ? runVitest(vitest, root, results) : undefined,
    jest.length > 0 ? runJest(jest, root, results) : undefined,
  ]);
  return results;
}

/** "missing" when the runner never reported the file (not found, or the runner died). */
export const outcomeOf = (results: RunResults, path: string): FileOutcome =>
  results.get(path) ?? { status: "missing", message: "" };
