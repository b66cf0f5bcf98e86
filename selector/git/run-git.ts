import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { classifyGitFailure, GitError, notARepo } from "./errors.js";

export interface RunGitOptions {
  /** The git executable; tests point this at a missing file. */
  gitBinary?: string;
}

export interface GitResult {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * Variables that point git at another repository or index. A hook (or a test run from one)
 * inherits them, and they would silently override `cwd`.
 */
const REPO_OVERRIDES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_COMMON_DIR",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_NAMESPACE",
  "GIT_PREFIX",
];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REPO_OVERRIDES) delete env[name];
  // Untranslated messages are what classifyGitFailure matches; no prompt may hang a CI job;
  // diffs must not take index.lock from under an editor running git at the same time.
  return { ...env, LC_ALL: "C", LANGUAGE: "C", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" };
}

async function checkDirectory(repoDir: string): Promise<void> {
  // spawn reports a missing cwd as ENOENT, indistinguishable from a missing git binary.
  const found = await stat(repoDir).catch(() => undefined);
  if (!found?.isDirectory()) throw notARepo(repoDir);
}

/** Runs git without a shell and collects all output, however large. Never throws on exit codes. */
export async function execGit(
  repoDir: string,
  args: readonly string[],
  options: RunGitOptions = {},
): Promise<GitResult> {
  await checkDirectory(repoDir);
  const binary = options.gitBinary ?? "git";
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["-c", "core.quotePath=false", ...args], {
      cwd: repoDir,
      env: gitEnv(),
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") {
        reject(
          new GitError(
            "GIT_MISSING",
            `git is not installed or not on PATH (install git; looked for "${binary}")`,
            { cause: error },
          ),
        );
      } else {
        reject(new GitError("GIT_FAILED", `could not start git: ${error.message}`, { cause: error }));
      }
    });
    child.on("close", (code, signal) => {
      const stderr = Buffer.concat(err).toString("utf8");
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr });
    });
  });
}

/** Runs git and returns stdout as bytes; a non-zero exit becomes a classified GitError. */
export async function runGitBuffer(
  repoDir: string,
  args: readonly string[],
  options: RunGitOptions = {},
): Promise<Buffer> {
  const result = await execGit(repoDir, args, options);
  if (result.exitCode !== 0) throw classifyGitFailure(repoDir, args, result.stderr, result.exitCode);
  return result.stdout;
}

/** Runs git and returns stdout decoded as UTF-8. */
export async function runGit(
  repoDir: string,
  args: readonly string[],
  options: RunGitOptions = {},
): Promise<string> {
  return (await runGitBuffer(repoDir, args, options)).toString("utf8");
}
