import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { selectInRepo } from "../../selector/select/select-in-repo.js";
import { type SelectionRequestBody, selectionRequest } from "../../selector/select/selection-request.js";
import { call, type Service } from "./service-process.js";
import { type MeasuredRun, runVitest } from "./vitest-run.js";

/** What the replay holds fixed: the built CLI, the repository, its work tree and the suite. */
export interface ReplaySetup {
  root: string;
  repoDir: string;
  workTree: string;
  reporter: string;
  /** The suite's folders (repository paths): its tests are the ones selected, run and priced. */
  suite: readonly string[];
  outDir: string;
  service: Service;
  repoId: string;
}

/** One replayed push: both measured wall times and what the service decided. */
export interface CommitOutcome {
  sha: string;
  suiteTests: number;
  selected: string[];
  mode: string;
  fullWallMs: number;
  selectedWallMs: number;
  /** The 1-minute load average before the commit's runs. */
  load: number;
}

interface RunAnswer {
  id: string;
  mode: string;
  decisions: { test_path: string; selected: boolean }[];
}

const inSuite = (setup: ReplaySetup, path: string) => setup.suite.some((dir) => path.startsWith(`${dir}/`));

/** The action's request for `sha` against its first parent: the real graph, the suite's tests only. */
async function requestFor(setup: ReplaySetup, sha: string): Promise<SelectionRequestBody> {
  const local = await selectInRepo({ repoDir: setup.repoDir, base: `${sha}^1`, head: sha });
  const body = selectionRequest(local, { repoId: setup.repoId, commitSha: sha });
  if (local.diff.base) body.base_sha = local.diff.base;
  body.tests = body.tests.filter((test) => inSuite(setup, test.path));
  return body;
}

/** `POST /v1/runs`, as the action starts a run it will report to. */
function startRun(setup: ReplaySetup, body: SelectionRequestBody, fullReason?: string): Promise<RunAnswer> {
  const full = fullReason ? { full_reason: fullReason } : {};
  return call<RunAnswer>(setup.service, "POST", "/runs", {
    ...body,
    ...full,
    policy_ref: `${body.commit_sha}:replay`,
  });
}

/** `superplane report --run-id … --wall-ms …`, the CLI's path, from the work tree at `sha`. */
function report(setup: ReplaySetup, runId: string, sha: string, run: MeasuredRun): void {
  const reports = join(setup.workTree, "reports");
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports);
  copyFileSync(run.junit, join(reports, "junit.xml"));
  const args = [join(setup.root, "bin", "superplane.js"), "report", "--repo", setup.workTree];
  args.push("--commit", sha, "--junit", "reports/junit.xml", "--coverage-dir", run.coverageDir);
  args.push("--wall-ms", String(run.wallMs), "--run-id", runId);
  args.push("--api-url", setup.service.api, "--token", setup.service.token);
  const done = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (done.status !== 0) throw new Error(`superplane report (${sha}) failed: ${done.stderr}`);
}

/** The whole suite as a full run of its own: how production measures durations (canary, full runs). */
async function fullRun(setup: ReplaySetup, body: SelectionRequestBody, measured: MeasuredRun): Promise<void> {
  const run = await startRun(setup, body, "replay: the whole suite, measured");
  report(setup, run.id, body.commit_sha, measured);
}

const checkout = (setup: ReplaySetup, sha: string) =>
  spawnSync("git", ["-C", setup.workTree, "checkout", "-q", "--detach", "--force", sha]);

/** The push before the replayed ones: only its full run, so the first replayed push has durations. */
export async function seedDurations(setup: ReplaySetup, sha: string): Promise<number> {
  checkout(setup, sha);
  const body = await requestFor(setup, sha);
  const whole = await runVitest(setup.workTree, setup.reporter, setup.suite, join(setup.outDir, sha, "full"));
  await fullRun(setup, body, whole);
  return whole.wallMs;
}

/**
 * One push: the service decides from durations measured before it, then the whole suite and the
 * selected files run (in the order `fullFirst` says, alternated by the caller against drift in
 * the machine's load); the selected run reports first, so the full run's durations price only
 * later pushes. A selection of nothing runs and reports nothing, as the action would.
 */
export async function replayCommit(
  setup: ReplaySetup,
  sha: string,
  fullFirst: boolean,
): Promise<CommitOutcome> {
  checkout(setup, sha);
  const load = loadavg()[0] ?? 0;
  const body = await requestFor(setup, sha);
  const run = await startRun(setup, body);
  const selected = run.decisions.filter((d) => d.selected).map((d) => d.test_path);
  const dir = join(setup.outDir, sha);
  const runFull = () => runVitest(setup.workTree, setup.reporter, setup.suite, join(dir, "full"));
  const runSelected = async () =>
    selected.length === 0
      ? undefined
      : runVitest(setup.workTree, setup.reporter, selected, join(dir, "selected"));
  const full = fullFirst ? await runFull() : undefined;
  const picked = await runSelected();
  const whole = full ?? (await runFull());
  if (picked) report(setup, run.id, sha, picked);
  await fullRun(setup, body, whole);
  return {
    sha,
    suiteTests: run.decisions.length,
    selected,
    mode: run.mode,
    fullWallMs: whole.wallMs,
    selectedWallMs: picked?.wallMs ?? 0,
    load,
  };
}
