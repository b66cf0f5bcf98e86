import { createHash } from "node:crypto";
import { gitIn } from "./temp-repo.js";

/**
 * Replays a git repository's own history through the service's HTTP API, oldest commit first, at
 * each commit's own time: the real changed files and the real test files of every commit are the
 * selection's evidence (a test is reachable when it sits beside a changed file or names it), and
 * the results are simulated deterministically from the commit: only a test the change reaches can
 * fail (the one it names more often), and every ninth commit's first test fails once and passes on
 * a re-run (flaky). Extra tests let a caller plant hostile names.
 */
export interface ReplayOptions {
  repoDir: string;
  /** The service with /v1 left off, e.g. http://127.0.0.1:4000. */
  url: string;
  token: string;
  repoId: string;
  /** How many commits to replay (first parent), ending at `until`. */
  commits: number;
  /**
   * The newest commit replayed. A fixed commit, not HEAD: what the replayed commits changed decides
   * how much the replay costs (7.5 s of CPU for one window of this repository, 20 s for the next),
   * so a replay of HEAD made the suite's time move with every commit.
   */
  until: string;
  /** Called before each commit's requests with its time, for a service on a clock the caller moves. */
  setTime(at: Date): void;
  /** Test files added to every commit's list (e.g. a name made of markup). */
  extraTests?: string[];
  /** Tests that fail on every fifth commit that reaches them and in every `fullReason` run (a hostile name in the failures list). */
  oftenFailing?: string[];
  /** A reason the replay gives for every 25th commit's full run (e.g. markup, to see it shown as text). */
  fullReason?: string;
  /** What every failed result says (e.g. markup, to see it shown as text). */
  failureMessage?: string;
}

export interface ReplayedRun {
  id: string;
  sha: string;
  failed: string[];
  /** The replay asked for a full run with `fullReason` (a canary run may have given its own reason). */
  askedFull: boolean;
}

const FLAKY_EVERY = 9;

function draw(...parts: string[]): number {
  return createHash("sha256").update(parts.join(":")).digest().readUInt32BE(0) / 2 ** 32;
}

function features(distance: number) {
  const reachable = distance > 0;
  return {
    reachable,
    distance,
    symbolHit: distance === 1,
    weakOnly: false,
    changedFilesReaching: reachable ? 1 : 0,
    maxFanIn: reachable ? 2 : 0,
    typeTest: false,
  };
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf("/") + 1);
const stemOf = (path: string) =>
  path.slice(path.lastIndexOf("/") + 1).replace(/(\.test)?\.[cm]?[jt]sx?$/, "");

/** 1: the test names a changed file; 2: it sits beside one; 0: no path the replay can see. */
function distanceOf(test: string, changed: readonly string[]): number {
  if (changed.some((file) => stemOf(file) === stemOf(test) && file !== test)) return 1;
  if (changed.includes(test)) return 1;
  return changed.some((file) => dirOf(file) === dirOf(test)) ? 2 : 0;
}

async function call<T>(options: ReplayOptions, method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${options.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Commit {
  sha: string;
  at: Date;
  changed: { path: string; status: "added" | "modified" | "deleted" | "renamed" }[];
  tests: string[];
}

const STATUS: Record<string, Commit["changed"][number]["status"]> = {
  A: "added",
  M: "modified",
  D: "deleted",
  R: "renamed",
};

function commitsOf(repoDir: string, count: number, until: string): Commit[] {
  try {
    gitIn(repoDir, ["cat-file", "-e", `${until}^{commit}`]);
  } catch (error) {
    throw new Error(
      `the replay ends at ${until}, which ${repoDir} lacks: a shallow clone? (git fetch --unshallow)`,
      {
        cause: error,
      },
    );
  }
  const log = gitIn(repoDir, [
    "log",
    "--first-parent",
    "--no-merges",
    `-n${count}`,
    "--format=%H %ct",
    until,
  ]);
  const commits: Commit[] = [];
  for (const line of log.trim().split("\n").reverse()) {
    const [sha, seconds] = line.split(" ") as [string, string];
    const diff = gitIn(repoDir, ["diff-tree", "--no-commit-id", "-r", "--name-status", "--no-renames", sha]);
    const changed = diff
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((row) => row.split("\t") as [string, string])
      .map(([status, path]) => ({ path, status: STATUS[status[0]!] ?? "modified" }));
    const tests = gitIn(repoDir, ["ls-tree", "-r", "--name-only", sha])
      .split("\n")
      .filter((path) => /\.test\.[cm]?[jt]sx?$/.test(path));
    commits.push({ sha, at: new Date(Number(seconds) * 1000), changed, tests });
  }
  return commits;
}

/** Replays the commits; answers every run it made with its simulated failures. */
export async function replayHistory(options: ReplayOptions): Promise<ReplayedRun[]> {
  const runs: ReplayedRun[] = [];
  const commits = commitsOf(options.repoDir, options.commits, options.until);
  for (const [index, commit] of commits.entries()) {
    if (commit.changed.length === 0) continue;
    options.setTime(commit.at);
    const changedPaths = commit.changed.map((c) => c.path);
    const tests = [...commit.tests, ...(options.extraTests ?? [])];
    const full = options.fullReason && index % 25 === 24 ? { full_reason: options.fullReason } : {};
    const run = await call<{ id: string; decisions: { test_path: string; selected: boolean }[] }>(
      options,
      "POST",
      "/v1/runs",
      {
        repo_id: options.repoId,
        commit_sha: commit.sha,
        changed_files: commit.changed,
        tests: tests.map((path) => ({ path, features: features(distanceOf(path, changedPaths)) })),
        ...full,
      },
    );
    const selected = run.decisions.filter((d) => d.selected).map((d) => d.test_path);
    const distance = new Map(tests.map((path) => [path, distanceOf(path, changedPaths)]));
    const failRate = (test: string) =>
      distance.get(test) === 1 ? 0.08 : distance.get(test) === 2 ? 0.01 : 0;
    const results = selected.map((test_path) => {
      // Also in every full run the replay asks for, so the failure is there whatever the history.
      const often =
        options.oftenFailing?.includes(test_path) &&
        (("full_reason" in full && full.full_reason !== undefined) ||
          (distance.get(test_path)! > 0 && index % 5 === 0));
      const fails =
        often ||
        draw(commit.sha, test_path) < failRate(test_path) ||
        (index % FLAKY_EVERY === 0 && test_path === selected[0]);
      return {
        test_path,
        outcome: fails ? "failed" : "passed",
        ...(fails
          ? { message: `${stemOf(test_path)}: ${options.failureMessage ?? "expected 4 to be 3"}` }
          : {}),
        // Each file its own typical time, give or take 40% from run to run.
        duration_ms: Math.round(
          (200 + draw("duration", test_path) * 4000) * (0.6 + 0.8 * draw("jitter", commit.sha, test_path)),
        ),
      };
    });
    await call(options, "POST", `/v1/runs/${run.id}/results`, { results });
    const failed = results.filter((r) => r.outcome === "failed").map((r) => r.test_path);
    runs.push({ id: run.id, sha: commit.sha, failed, askedFull: "full_reason" in full });
    // A flaky failure passes on the re-run of the same commit: the service sees it flaky.
    if (index % FLAKY_EVERY === 0 && failed.length > 0) {
      options.setTime(new Date(commit.at.getTime() + 600_000));
      const rerun = await call<{ id: string }>(options, "POST", "/v1/runs", {
        repo_id: options.repoId,
        commit_sha: commit.sha,
        changed_files: commit.changed,
        tests: tests.map((path) => ({ path, features: features(distanceOf(path, changedPaths)) })),
      });
      const passed = results.map((r) => ({
        ...r,
        outcome: r.test_path === selected[0] ? "passed" : r.outcome,
      }));
      await call(options, "POST", `/v1/runs/${rerun.id}/results`, { results: passed });
      const failedAgain = passed.filter((r) => r.outcome === "failed").map((r) => r.test_path);
      runs.push({ id: rerun.id, sha: commit.sha, failed: failedAgain, askedFull: false });
    }
  }
  return runs;
}
