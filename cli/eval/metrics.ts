import type { TestFeatures } from "../../selector/model/features.js";
/** What one arm (a way of selecting tests) chose for one commit. */
export interface ArmOutcome {
  /** Selected test files; `"all"` when the arm ran the whole suite. */
  selected: ReadonlySet<string> | "all";
  selectMs: number;
}

/** One evaluated commit: the suite's test files, the ground truth and each arm's choice. */
export interface CommitOutcome {
  sha: string;
  /** Every test file the runner ran at the base state. */
  universe: ReadonlyMap<string, number>;
  truth: readonly string[];
  arms: Record<string, ArmOutcome>;
  /** The selector's features of each test a path from the change reaches, for `--details`. */
  features?: ReadonlyMap<string, TestFeatures>;
  /** The trained arm's coverage verdict of each test that had a record: `clear`, or why not. */
  coverage?: ReadonlyMap<string, string>;
  /** Cleared tests whose run at the commit was compared with their record, and those that differed. */
  audit?: { checked: number; differed: string[] };
}

export interface ArmSummary {
  arm: string;
  commits: number;
  /** Ground-truth files selected / ground-truth files, over all commits. */
  recall: number;
  /** Commits whose ground truth was selected whole / commits. */
  safety: number;
  missedFiles: number;
  truthFiles: number;
  /** Mean over commits of selected files / test files. */
  meanShare: number;
  meanSelectMs: number;
  /** Mean over commits of the selected files' summed durations in the base run. */
  meanTestMs: number;
  /** Commit and test file of every miss. */
  misses: { sha: string; test: string }[];
}

const isSelected = (arm: ArmOutcome, test: string) => arm.selected === "all" || arm.selected.has(test);

function shareOf(arm: ArmOutcome, universe: ReadonlyMap<string, number>): { share: number; ms: number } {
  let count = 0;
  let ms = 0;
  for (const [test, duration] of universe) {
    if (!isSelected(arm, test)) continue;
    count += 1;
    ms += duration;
  }
  return { share: universe.size === 0 ? 0 : count / universe.size, ms };
}

const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

/** Test-file recall, commit-level safety, mean share and time for one arm over every commit. */
export function summarise(arm: string, commits: readonly CommitOutcome[]): ArmSummary {
  const misses: { sha: string; test: string }[] = [];
  let truthFiles = 0;
  let safeCommits = 0;
  const shares: number[] = [];
  const selectMs: number[] = [];
  const testMs: number[] = [];
  for (const commit of commits) {
    const outcome = commit.arms[arm];
    if (!outcome) throw new Error(`commit ${commit.sha} has no outcome for ${arm}`);
    const missed = commit.truth.filter((test) => !isSelected(outcome, test));
    misses.push(...missed.map((test) => ({ sha: commit.sha, test })));
    truthFiles += commit.truth.length;
    if (missed.length === 0) safeCommits += 1;
    const { share, ms } = shareOf(outcome, commit.universe);
    shares.push(share);
    testMs.push(ms);
    selectMs.push(outcome.selectMs);
  }
  return {
    arm,
    commits: commits.length,
    recall: truthFiles === 0 ? 1 : (truthFiles - misses.length) / truthFiles,
    safety: commits.length === 0 ? 1 : safeCommits / commits.length,
    missedFiles: misses.length,
    truthFiles,
    meanShare: mean(shares),
    meanSelectMs: mean(selectMs),
    meanTestMs: mean(testMs),
    misses,
  };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The evaluation table in Markdown, one row per arm. */
export function formatTable(summaries: readonly ArmSummary[]): string {
  const lines = [
    "| selection | commits | test-file recall | commit-level safety | mean share selected | select time | test time |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const s of summaries) {
    lines.push(
      `| ${s.arm} | ${s.commits} | ${pct(s.recall)} (${s.truthFiles - s.missedFiles}/${s.truthFiles}) | ` +
        `${pct(s.safety)} | ${pct(s.meanShare)} | ${seconds(s.meanSelectMs)} | ${seconds(s.meanTestMs)} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
