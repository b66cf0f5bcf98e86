import { appendFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { vitestCoverageReporter } from "../../action/coverage/reporter-path.js";
import { gitDir } from "../../selector/git/git-dir.js";
import { commandAction } from "../command-action.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { type CommitOutcome, formatTable, summarise } from "./metrics.js";

export interface EvalFlags {
  repo: string;
  head: string;
  commits: string;
  paths?: string;
  cwd?: string;
  testCommand: string;
  relatedCommand?: string;
  runner: string;
  historyCommits: string;
  threshold: string;
  /** commander's `--no-typecheck`: true unless given. */
  typecheck: boolean;
  /** commander's `--no-coverage`: true unless given. */
  coverage: boolean;
  cacheDir?: string;
  budgetMinutes?: string;
  stopAfter?: string;
  log?: string;
  details?: string;
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${flag} must be a positive number (got "${value}")`);
  return n;
}

const LIST_RELATED = fileURLToPath(new URL("./list-related.js", import.meta.url));

/**
 * Vitest: `list-related.js` asks Vitest's node API what `vitest related` would run, without running
 * it (with the test command's `--config`). Jest: `--findRelatedTests` after the command (it runs them).
 */
export function defaultRelatedCommand(testCommand: string, runner: "vitest" | "jest"): string {
  if (runner === "jest") return `${testCommand} --findRelatedTests`;
  if (!/\bvitest\b/.test(testCommand))
    throw new UsageError("--related-command is needed when --test-command does not run vitest");
  const config = /--config[= ](\S+)/.exec(testCommand)?.[1];
  return `node ${JSON.stringify(LIST_RELATED)}${config ? ` --config ${config}` : ""}`;
}

/** `short` maps an arm's label to its key (superplane, trained, symbol, graph, related). */
function perCommitLine(outcome: CommitOutcome, short: ReadonlyMap<string, string>): string {
  const counts = Object.entries(outcome.arms).map(([arm, a]) => {
    const n =
      a.selected === "all"
        ? outcome.universe.size
        : [...a.selected].filter((t) => outcome.universe.has(t)).length;
    const missed = outcome.truth.filter((t) => a.selected !== "all" && !a.selected.has(t));
    return `${short.get(arm) ?? arm}=${n}${missed.length ? ` MISSED ${missed.join(" ")}` : ""}`;
  });
  return `${outcome.sha.slice(0, 9)} truth=${outcome.truth.length}/${outcome.universe.size} ${counts.join(" ")}`;
}

/** One commit of `--details`: what each arm selected and what the selector knew, to audit a table. */
export function commitDetails(outcome: CommitOutcome, short: ReadonlyMap<string, string>) {
  const arms: Record<string, string[] | "all"> = {};
  for (const [label, arm] of Object.entries(outcome.arms)) {
    arms[short.get(label) ?? label] = arm.selected === "all" ? "all" : [...arm.selected].sort();
  }
  return {
    sha: outcome.sha,
    tests: outcome.universe.size,
    truth: [...outcome.truth],
    arms,
    features: Object.fromEntries(outcome.features ?? []),
    coverage: Object.fromEntries(outcome.coverage ?? []),
  };
}

/** `superplane eval`: replays history, runs the suite at each state, prints the comparison table. */
export async function evalCommand(flags: EvalFlags, log: (line: string) => void): Promise<number> {
  if (flags.runner !== "vitest" && flags.runner !== "jest")
    throw new UsageError(`--runner must be vitest or jest`);
  const runner = flags.runner;
  const repoDir = resolve(flags.repo);
  const cacheDir = resolve(flags.cacheDir ?? join(await gitDir(repoDir), "superplane", "eval"));
  const progress = (line: string) => {
    log(line);
    if (flags.log) appendFileSync(flags.log, `${line}\n`);
  };
  if (flags.log) writeFileSync(flags.log, "");
  if (flags.details) writeFileSync(flags.details, "");
  // Loaded here, not at start-up: the learner pulls in ml-matrix, which every other command would pay for.
  const { ARMS, runEval } = await import("./run-eval.js");
  const short = new Map(Object.entries(ARMS).map(([key, label]) => [label, key]));
  const outcomes = await runEval({
    repoDir,
    cwd: resolve(repoDir, flags.cwd ?? "."),
    head: flags.head,
    commits: positive("commits", flags.commits),
    paths: flags.paths ? flags.paths.split(",").filter(Boolean) : [],
    historyCommits: positive("history-commits", flags.historyCommits),
    threshold: positive("threshold", flags.threshold),
    typeCheck: flags.typecheck,
    testCommand: flags.testCommand,
    relatedCommand: flags.relatedCommand ?? defaultRelatedCommand(flags.testCommand, runner),
    runner,
    cacheDir,
    timeoutMs: 30 * 60_000,
    ...(flags.coverage && runner === "vitest" ? { coverageReporter: vitestCoverageReporter() } : {}),
    ...(flags.budgetMinutes ? { budgetMs: positive("budget-minutes", flags.budgetMinutes) * 60_000 } : {}),
    ...(flags.stopAfter ? { stopAfter: positive("stop-after", flags.stopAfter) } : {}),
    log: progress,
    onCommit: (outcome, index) => {
      progress(`[${index + 1}] ${perCommitLine(outcome, short)}`);
      if (flags.details) appendFileSync(flags.details, `${JSON.stringify(commitDetails(outcome, short))}\n`);
    },
  });
  const summaries = Object.values(ARMS).map((arm) => summarise(arm, outcomes));
  process.stdout.write(formatTable(summaries));
  for (const s of summaries) {
    for (const miss of s.misses) process.stdout.write(`miss (${s.arm}): ${miss.sha} ${miss.test}\n`);
  }
  const audited = outcomes.reduce((n, o) => n + (o.audit?.checked ?? 0), 0);
  if (audited > 0) {
    const differed = outcomes.flatMap((o) =>
      (o.audit?.differed ?? []).map((line) => `${o.sha.slice(0, 9)} ${line}`),
    );
    process.stdout.write(
      `coverage audit: ${audited} runs of tests coverage cleared, rerun at their commit: ${differed.length} ran other code than recorded\n`,
    );
    for (const line of differed) process.stdout.write(`  ${line}\n`);
  }
  return EXIT.ok;
}

export function addEvalCommand(root: Command, log: (line: string) => void, exit: { code: number }): void {
  root
    .command("eval")
    .description(
      "replay a repository's history: run its tests with each commit's sources reverted and compare selections",
    )
    .option(
      "--repo <dir>",
      "a clone of the repository, dependencies installed; its work tree is checked out per state",
      ".",
    )
    .option("--head <rev>", "the newest commit to consider", "HEAD")
    .option("--commits <n>", "how many source-changing commits to replay", "40")
    .option("--paths <list>", "comma-separated paths: only commits changing source files under them")
    .option("--cwd <dir>", "where the test command runs, relative to the repository")
    .requiredOption("--test-command <cmd>", 'the test command, e.g. "npx vitest run --typecheck"')
    .option(
      "--related-command <cmd>",
      "the runner's related-tests command (default: derived from --test-command)",
    )
    .option("--runner <name>", "vitest or jest: how reports are read", "vitest")
    .option("--history-commits <n>", "commits before the first replayed one that seed co-change", "500")
    .option("--threshold <n>", "confidence_threshold", "0.85")
    .option(
      "--no-typecheck",
      "the test command runs no type checker (whatever the runner's config says): types alone select nothing",
    )
    .option(
      "--no-coverage",
      "record no per-test coverage (vitest only): the trained arm then has only the model",
    )
    .option("--cache-dir <dir>", "test results cached by tree and command (default: .git/superplane/eval)")
    .option("--budget-minutes <n>", "start no new commit after this long; the table covers what ran")
    .option("--stop-after <n>", "replay only the oldest n of the picked commits")
    .option("--log <file>", "also write progress lines here")
    .option(
      "--details <file>",
      "write one JSON line per commit: ground truth, each arm's selection, the features of reached tests",
    )
    .action(commandAction(evalCommand, log, exit));
}
