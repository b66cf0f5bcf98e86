import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { isolatedEnv } from "../support/temp-repo.js";

const HERE = dirname(fileURLToPath(import.meta.url));
export const CASES_DIR = join(HERE, "cases");
export const REPO_ROOT = join(HERE, "..", "..");

export type Runner = "vitest" | "jest";

/** `cases/<name>/case.json`: what the case claims, proved by running it. */
export interface CaseSpec {
  runner: Runner;
  /** Test files that pass at the base and fail at the change: each must be selected. */
  fails: string[];
  /** Test files that pass on both sides and must stay skipped. */
  control: string[];
  note: string;
  /** Folders the runner runs as projects, each with its own config if it has one (default ["."]). */
  roots?: string[];
  /** Run each test file in a fresh module graph (vi.mock, globals): slower, so only where it matters. */
  isolate?: boolean;
  /**
   * Decide again with the coverage the base run recorded (the `{coverage}` reporter), as the action
   * and `select --coverage` do: the control is one the graph keeps and the records clear.
   */
  coverage?: boolean;
  /** Set while SuperPlane still misses the form: the selection is reported skipped with this reason. */
  open?: string;
}

export interface SoundnessCase extends CaseSpec {
  name: string;
  /** The case at its base revision: a plain folder the runner runs. */
  baseDir: string;
  /** The case at its change: a git repository whose HEAD~1 is the base, for the selector and the runner. */
  changeDir: string;
}

/** `SUPERPLANE_SOUNDNESS_ONLY=a,b` proves those cases alone, for working on one form. */
function onlyCases(): Set<string> | undefined {
  const only = process.env.SUPERPLANE_SOUNDNESS_ONLY;
  return only ? new Set(only.split(",").map((name) => name.trim())) : undefined;
}

export function readCaseSpecs(): { name: string; spec: CaseSpec }[] {
  const only = onlyCases();
  return readdirSync(CASES_DIR)
    .filter((name) => existsSync(join(CASES_DIR, name, "case.json")) && (!only || only.has(name)))
    .sort()
    .map((name) => ({
      name,
      spec: JSON.parse(readFileSync(join(CASES_DIR, name, "case.json"), "utf8")) as CaseSpec,
    }));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split("\\").join("/"));
}

/** Copies `change/` over `dir`; an empty `change/<path>.deleted` deletes `<path>` instead. */
export function overlayChange(changeSource: string, dir: string): void {
  for (const path of filesUnder(changeSource)) {
    if (path.endsWith(".deleted")) {
      rmSync(join(dir, path.slice(0, -".deleted".length)));
      continue;
    }
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(join(changeSource, path), join(dir, path));
  }
}

const run = promisify(execFile);
const COMMIT =
  "git -c user.name='SuperPlane Test' -c user.email=test@superplane.invalid -c commit.gpgsign=false" +
  " commit -q --allow-empty";
/**
 * The git commands of one step in one shell, two processes started from this one per case instead
 * of five (a start from the suite's worker, with its large heap, costs more than one from `sh`),
 * and no template (git's sample hooks, a dozen files per case that nothing reads). Laying out the
 * cases took 15.3 s of CPU and 78 s at load 18, now 11.7-13.5 s and 43-53 s.
 */
const inShell = (dir: string, script: string) => run("sh", ["-ec", script], { cwd: dir, env: isolatedEnv() });

/**
 * `installed/<side>/<package>/`: what an install of the side's lockfile puts in `node_modules`, for
 * the lockfile cases (a registry install is not available to the suite). Each package replaces the
 * one before it whole, as a reinstall does; the case's `.gitignore` keeps them out of its history.
 */
function install(source: string, side: "base" | "change", dir: string): void {
  const from = join(source, "installed", side);
  if (!existsSync(from)) return;
  for (const pkg of readdirSync(from)) {
    const to = join(dir, "node_modules", pkg);
    rmSync(to, { recursive: true, force: true });
    cpSync(join(from, pkg), to, { recursive: true });
  }
}

async function materialize(root: string, name: string, spec: CaseSpec): Promise<SoundnessCase> {
  const source = join(CASES_DIR, name);
  const baseDir = join(root, "base", name);
  const changeDir = join(root, "change", name);
  cpSync(join(source, "base"), baseDir, { recursive: true });
  cpSync(join(source, "base"), changeDir, { recursive: true });
  install(source, "base", baseDir);
  install(source, "base", changeDir);
  await inShell(changeDir, `git init -q -b main --template=\ngit add -A\n${COMMIT} -m base`);
  overlayChange(join(source, "change"), changeDir);
  install(source, "change", changeDir);
  await inShell(changeDir, `git add -A\n${COMMIT} -m change`);
  return { ...spec, name, baseDir, changeDir };
}

/**
 * Lays every case out under `root`: `base/<name>` as committed, `change/<name>` a repository with
 * the base and the change as two commits. `root/node_modules` links this repository's, so the
 * mini-repositories resolve `vitest` and `jest` the way a project with them installed does.
 * The cases' git commands run side by side: one after the other they cost seconds.
 */
export async function materializeCases(root: string): Promise<SoundnessCase[]> {
  symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
  return Promise.all(readCaseSpecs().map(({ name, spec }) => materialize(root, name, spec)));
}

/** A case's test file as the runner reports it: an absolute path. */
export const testPath = (dir: string, file: string) => join(dir, file);
