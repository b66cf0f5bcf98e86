import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type SelectInRepoOutput, selectInRepo } from "../../selector/select/select-in-repo.js";
import type { Decision, SelectionResult } from "../../selector/select/types.js";
import { gitIn } from "../support/temp-repo.js";

// Built from this file's directory, not `new URL("../fixtures/", …)`: SuperPlane itself would read
// that as an asset import of a directory and warn that it cannot resolve it.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

export interface ScenarioOptions {
  /** Moves made before `change` is applied, so a moved file can be edited too (git pairs them by content). */
  renames?: [from: string, to: string][];
  threshold?: number;
  granularity?: "symbol" | "file";
  /** `false`: as for a run without a type checker, whatever the runner config says. */
  typeCheck?: boolean;
}

/** The selection for one commit on top of a fixture, with everything `selectInRepo` returned. */
export interface ScenarioOutput extends SelectInRepoOutput {
  repoDir: string;
}

/** A fixture file's base content, to derive a change from it. */
export function fixtureText(fixture: string, path: string): string {
  return readFileSync(join(FIXTURES, fixture, path), "utf8");
}

/** The change that replaces `from` with `to` in one fixture file; throws when `from` is absent. */
export function edit(fixture: string, path: string, from: string, to: string): Record<string, string> {
  const text = fixtureText(fixture, path);
  if (!text.includes(from)) throw new Error(`${fixture}/${path} does not contain ${JSON.stringify(from)}`);
  return { [path]: text.replace(from, to) };
}

let root: string | undefined;
let count = 0;
/** Fixture name -> a repository with the fixture committed as the base, made once per test file. */
const bases = new Map<string, string>();

/** One temp root per test file: a single `rm -rf` at the end instead of one per scenario. */
function scenarioRoot(): string {
  root ??= mkdtempSync(join(tmpdir(), "superplane-scenarios-"));
  return root;
}

export function removeScenarioRoot(): void {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
  bases.clear();
}

/** Local identity and no signing: the machine's git config must not decide whether a commit works. */
const COMMIT = ["-c", "user.name=SuperPlane Test", "-c", "user.email=test@superplane.invalid"];
const commit = (dir: string, message: string) => {
  gitIn(dir, ["add", "-A"]);
  gitIn(dir, [...COMMIT, "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message]);
};

/**
 * The fixture committed once; each scenario copies the repository (its .git too) instead of
 * running `git init`, `add` and `commit` again. Synchronous, so concurrent scenarios of one
 * fixture cannot both build it.
 */
function baseRepo(name: string): string {
  const existing = bases.get(name);
  if (existing) return existing;
  const dir = join(scenarioRoot(), `base-${name}`);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  gitIn(dir, ["init", "-q", "-b", "main"]);
  commit(dir, "base");
  bases.set(name, dir);
  return dir;
}

function applyChange(dir: string, change: Record<string, string | Uint8Array | null>): void {
  for (const [path, content] of Object.entries(change)) {
    const file = join(dir, path);
    if (content === null) {
      rmSync(file);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/**
 * Commits test/fixtures/<name>/ as the base, then `change` (path -> new content, null deletes)
 * on top, and selects HEAD against HEAD~1 exactly as `superplane select` would.
 */
export async function scenario(
  name: string,
  change: Record<string, string | Uint8Array | null>,
  options: ScenarioOptions = {},
): Promise<ScenarioOutput> {
  count += 1;
  const base = baseRepo(name);
  const repoDir = join(scenarioRoot(), `${count}-${name}`);
  cpSync(base, repoDir, { recursive: true });
  for (const [from, to] of options.renames ?? []) {
    mkdirSync(dirname(join(repoDir, to)), { recursive: true });
    gitIn(repoDir, ["mv", from, to]);
  }
  applyChange(repoDir, change);
  commit(repoDir, "change");
  const output = await selectInRepo({
    repoDir,
    base: "HEAD~1",
    head: "HEAD",
    cacheFile: false,
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.granularity ? { granularity: options.granularity } : {}),
    ...(options.typeCheck === false ? { typeCheck: false } : {}),
  });
  return { ...output, repoDir };
}

/** Selected test paths, sorted, so a scenario asserts the exact list. */
export function selected(result: SelectionResult): string[] {
  return result.decisions
    .filter((d) => d.selected)
    .map((d) => d.test_path)
    .sort();
}

/** Skipped test paths, sorted: "an unrelated test is skipped" needs the test to be known at all. */
export function skipped(result: SelectionResult): string[] {
  return result.decisions
    .filter((d) => !d.selected)
    .map((d) => d.test_path)
    .sort();
}

export function decision(result: SelectionResult, test: string): Decision {
  const found = result.decisions.find((d) => d.test_path === test);
  if (!found)
    throw new Error(`no decision for ${test}: ${result.decisions.map((d) => d.test_path).join(", ")}`);
  return found;
}

export function confidence(result: SelectionResult, test: string): number {
  return decision(result, test).confidence;
}
