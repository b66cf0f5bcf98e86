import type { CoverageRecord } from "../../selector/coverage/types.js";
import { isParsedSource } from "../../selector/parse/source-kind.js";
import { defaultPolicy } from "../../selector/policy/default-policy.js";
import { isTestFile } from "../../selector/policy/match-globs.js";
import { decide } from "../../selector/select/decide.js";
import { selectInRepo } from "../../selector/select/select-in-repo.js";
import { readCoChange } from "../history/git-co-change.js";
import { evalStates } from "./base-state.js";
import { auditCleared } from "./coverage-audit.js";
import { type CoverageHistory, isFullRun, recordRun, withCoverage } from "./coverage-history.js";
import { type EvalCommit, pickCommits } from "./eval-commits.js";
import { git } from "./eval-git.js";
import type { ArmOutcome, CommitOutcome } from "./metrics.js";
import { NoServiceArm } from "./no-service-arm.js";
import { ReplayLearner } from "./replay-learner.js";
import { relatedTests, runSuite, runSuiteWithCoverage, type SuiteSettings } from "./run-suite.js";
import { failedFiles, groundTruth, type SuiteResult } from "./suite-report.js";

/**
 * A threshold that skips the tests reaching a change only through unchanged names (cold-start
 * confidence 0.15..0.35, docs/model.md) and keeps every user of a changed name (0.8 and up).
 */
export const SYMBOL_THRESHOLD = 0.6;

export const ARMS = {
  superplane: "SuperPlane, default threshold (cold start)",
  noService: "SuperPlane, no service (cold start + coverage kept locally)",
  trained: "SuperPlane, trained, with coverage (replayed in commit order)",
  symbol: `SuperPlane, symbol level only (threshold ${SYMBOL_THRESHOLD})`,
  graph: "file-level graph only",
  related: "runner related-tests",
} as const;

export interface EvalOptions extends SuiteSettings {
  head: string;
  commits: number;
  /** Only commits changing source files under these paths. */
  paths: string[];
  /** Commits before the first evaluated one that seed co-change statistics. */
  historyCommits: number;
  threshold: number;
  /** `false`: the test command runs no type checker, so types alone select nothing. */
  typeCheck: boolean;
  log: (line: string) => void;
  /** Called after every commit, so a long run can be watched and stopped. */
  onCommit?: (outcome: CommitOutcome, index: number) => void;
  /** Stop starting new commits after this wall time (ms); what ran is reported. */
  budgetMs?: number;
  /** Replay only the oldest this many of the picked commits (a table over what a cache holds). */
  stopAfter?: number;
}

const isTest = isTestFile(defaultPolicy());
const isSource = (path: string) => isParsedSource(path) && !isTest(path);

async function existingAt(repoDir: string, rev: string, paths: readonly string[]): Promise<string[]> {
  const listing = await git(repoDir, ["ls-tree", "-r", "--name-only", "-z", rev, "--", ...paths]);
  return listing.split("\0").filter(Boolean);
}

/**
 * The test files to run at the commit (undefined: all of them). Without a collector, the files that
 * failed at B (the truth needs nothing else); with one, what a CI run of the commit runs, recording
 * its coverage: every file on a full run, else what the trained arm and the no-service arm selected
 * (each CI keeps the records of its own run), plus the failing files and those coverage cleared
 * (for the audit, not the history).
 */
function filesAtCommit(
  collecting: boolean,
  fullRun: boolean,
  selected: ArmOutcome["selected"][],
  failing: string[],
  cleared: string[],
): string[] | undefined {
  if (!collecting) return failing;
  if (fullRun || selected.some((s) => s === "all")) return undefined;
  return [...new Set([...selected.flatMap((s) => [...s]), ...failing, ...cleared])].sort();
}

async function runAtCommit(
  options: EvalOptions,
  rev: string,
  files: string[] | undefined,
): Promise<{ results: SuiteResult; coverage?: CoverageRecord[] }> {
  if (files?.length === 0) return { results: new Map() };
  if (options.coverageReporter) return runSuiteWithCoverage(options, rev, files, true);
  return { results: await runSuite(options, rev, files) };
}

async function evalCommit(
  options: EvalOptions,
  commit: EvalCommit,
  learner: ReplayLearner,
  history: CoverageHistory,
  noService: NoServiceArm,
  fullRun: boolean,
): Promise<CommitOutcome> {
  const states = await evalStates(options.repoDir, commit);
  let started = performance.now();
  const selection = await selectInRepo({
    repoDir: options.repoDir,
    base: states.base,
    head: states.head,
    threshold: options.threshold,
    typeCheck: options.typeCheck,
  });
  const selectMs = performance.now() - started;
  const { result, evidence } = selection;
  const scorer = learner.scorer(commit.sourceFiles);
  started = performance.now();
  const covered = await withCoverage(options.repoDir, states.head, evidence, history);
  if (covered.checked > 0) {
    const kept = covered.reasons.slice(0, 3).join("; ");
    options.log(
      `  coverage: ${covered.cleared} of ${covered.checked} affected tests with a record run none of the change${kept ? ` (kept: ${kept})` : ""}`,
    );
  }
  const trained =
    scorer || covered.cleared > 0
      ? decide(covered.evidence, {
          threshold: options.threshold,
          granularity: result.granularity,
          ...(scorer ? { score: (features, item) => scorer({ ...item, features }) } : {}),
          ...(result.full_reason ? { fullReason: result.full_reason } : {}),
        })
      : result.decisions;
  const trainedMs = selectMs + (performance.now() - started);
  const local = await noService.decide(options.repoDir, states.head, selection);

  const atBase = await runSuite(options, states.base);
  const failing = failedFiles(atBase);
  const chosen = (decisions: typeof trained): ArmOutcome["selected"] =>
    result.mode === "full" ? "all" : new Set(decisions.filter((d) => d.selected).map((d) => d.test_path));
  const cleared = covered.evidence.flatMap((e) => (e.coverage?.clear ? [e.path] : []));
  const noServiceSelected = chosen(local.decisions);
  const head = await runAtCommit(
    options,
    states.head,
    filesAtCommit(
      options.coverageReporter !== undefined,
      fullRun,
      [chosen(trained), noServiceSelected],
      failing,
      [...new Set([...cleared, ...local.cleared.keys()])],
    ),
  );
  const atHead = head.results;
  const truth = groundTruth(atBase, atHead);
  const related = await relatedTests(
    options,
    states.head,
    await existingAt(options.repoDir, states.head, commit.sourceFiles),
  );

  const arms: Record<string, ArmOutcome> = {
    [ARMS.superplane]: { selected: chosen(result.decisions), selectMs },
    [ARMS.noService]: { selected: noServiceSelected, selectMs: selectMs + local.ms },
    [ARMS.trained]: { selected: chosen(trained), selectMs: trainedMs },
    [ARMS.symbol]: {
      selected: chosen(
        decide(evidence, {
          threshold: SYMBOL_THRESHOLD,
          granularity: result.granularity,
          ...(result.full_reason ? { fullReason: result.full_reason } : {}),
        }),
      ),
      selectMs,
    },
    [ARMS.graph]: {
      selected: new Set(evidence.filter((e) => e.features.reachable).map((e) => e.path)),
      selectMs,
    },
    [ARMS.related]: { selected: related.selected, selectMs: related.ms },
  };
  learner.observe({
    changedFiles: commit.changedFiles,
    sourceFiles: commit.sourceFiles,
    testFiles: commit.changedFiles.filter(isTest),
    evidence,
    // A file failing at both states is broken for another reason: no label either way.
    ran: new Set([...atBase.keys()].filter((t) => !failing.includes(t) || truth.includes(t))),
    failed: new Set(truth),
  });
  const after = (test: string) => head.coverage?.find((r) => r.test === test);
  const pairs = covered.evidence.flatMap((e) => {
    const before = history.get(e.path);
    const now = after(e.path);
    return e.coverage?.clear && before && now ? [{ before, after: now }] : [];
  });
  // The no-service arm's clears, unless the trained arm's audit already covers the same record.
  const audited = new Set(pairs.map((p) => `${p.before.test}\0${p.before.commit}`));
  for (const [test, before] of local.cleared) {
    const now = after(test);
    if (now && !audited.has(`${test}\0${before.commit}`)) pairs.push({ before, after: now });
  }
  const differed = await auditCleared(options.repoDir, pairs);
  for (const line of differed) options.log(`  coverage audit: ${line}`);
  recordRun(history, head.coverage ?? [], head.results, fullRun ? "all" : arms[ARMS.trained]!.selected);
  await noService.keep(head.coverage ?? [], head.results, noServiceSelected);
  const universe = new Map([...atBase].map(([path, r]) => [path, r.durationMs]));
  const features = new Map(evidence.filter((e) => e.features.reachable).map((e) => [e.path, e.features]));
  const coverage = new Map(
    covered.evidence.flatMap((e) =>
      e.coverage ? [[e.path, e.coverage.clear ? "clear" : e.coverage.reason]] : [],
    ),
  );
  return {
    sha: commit.sha,
    universe,
    truth,
    arms,
    features,
    coverage,
    audit: { checked: pairs.length, differed },
  };
}

/** Replays the newest `commits` source-changing commits; returns one outcome per commit that ran. */
export async function runEval(options: EvalOptions): Promise<CommitOutcome[]> {
  const started = performance.now();
  const head = (await git(options.repoDir, ["rev-parse", options.head])).trim();
  const commits = await pickCommits(options.repoDir, {
    head,
    count: options.commits,
    paths: options.paths,
    isSource,
  });
  const first = commits[0];
  if (!first)
    throw new Error(`no commit under ${options.paths.join(", ") || "the repository"} changes source files`);
  options.log(`eval: ${commits.length} commits, ${first.sha.slice(0, 9)}..${head.slice(0, 9)}`);
  const coChange = await readCoChange(options.repoDir, {
    rev: first.parent,
    commits: options.historyCommits,
    isTest,
    isSource,
  });
  const learner = new ReplayLearner(coChange);
  const history: CoverageHistory = new Map();
  const noService = await NoServiceArm.create();
  const outcomes: CommitOutcome[] = [];
  try {
    for (const [index, commit] of commits.entries()) {
      if (options.stopAfter !== undefined && index >= options.stopAfter) break;
      if (options.budgetMs !== undefined && performance.now() - started > options.budgetMs) {
        options.log(`eval: time budget spent after ${outcomes.length} of ${commits.length} commits`);
        break;
      }
      const fullRun = isFullRun(index, commit.sha);
      const outcome = await evalCommit(options, commit, learner, history, noService, fullRun);
      outcomes.push(outcome);
      options.onCommit?.(outcome, index);
    }
  } finally {
    await noService.remove();
    await git(options.repoDir, ["checkout", "-q", "-f", "--detach", head]);
  }
  return outcomes;
}
