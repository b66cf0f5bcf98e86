import { Command, CommanderError } from "commander";
import { ServiceError } from "../action/service/service-error.js";
import { DiffParseError } from "../selector/diff/read-diff-input.js";
import { loadParser } from "../selector/extract/parser.js";
import { GitError } from "../selector/git/errors.js";
import { WORKTREE } from "../selector/select/select-in-repo.js";
import { commandAction } from "./command-action.js";
import { addCoverageCommand } from "./coverage-command.js";
import { addEvalCommand } from "./eval/eval-command.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { graphCommand } from "./graph-command.js";
import { addHistoryCommand } from "./history/history-command.js";
import { addMigrateCommand } from "./migrate-command.js";
import type { ReportFlags } from "./report-command.js";
import { selectCommand } from "./select-command.js";
import { addServeCommand } from "./serve-command.js";
import { addTokenCommand } from "./token-command.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
const collect = (value: string, previous: string[]) => [...previous, value];

function program(verbose: { on: boolean }, exit: { code: number }): Command {
  const root = new Command("superplane")
    .description("Run only the tests a change can break.")
    .option("--verbose", "print stack traces for errors")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .hook("preAction", async (command, action) => {
      verbose.on = Boolean(command.opts().verbose);
      if (parses(action)) await loadParser();
    });
  root
    .command("select")
    .description("decide which tests to run for the change between two revisions")
    .option("--repo <dir>", "the git repository", ".")
    .option(
      "--base <rev>",
      "compare from the merge-base with this revision (default: origin/HEAD, main, master or HEAD~1)",
    )
    .option("--head <rev>", `the revision under test; ${WORKTREE} for uncommitted work`, "HEAD")
    .option("--diff <file>", "use this unified diff (- for stdin) instead of diffing base and head")
    .option("--policy <file>", "policy file (default: .superplane/policy.yml at head)")
    .option("--threshold <n>", "confidence_threshold, 0..1 (default: the policy's, 0.85)")
    .option("--granularity <g>", "symbol or file", "symbol")
    .option("--format <f>", "json, text or list", "text")
    .option("--output <file>", "write the selection here instead of stdout")
    .option("--no-cache", "do not read or write the parse cache")
    .option("--no-state", "do not read the durations and coverage kept in .git/superplane/")
    .option(
      "--coverage <file>",
      "coverage records (superplane coverage save): skip tests that ran none of the change",
    )
    .action(commandAction(selectCommand, log, exit));
  root
    .command("graph")
    .description("print the dependency graph, or explain why a test is selected")
    .option("--repo <dir>", "the git repository", ".")
    .option("--rev <rev>", "the revision to read", "HEAD")
    .option("--base <rev>", "with --why: the base of the change to explain")
    .option("--format <f>", "json or dot", "json")
    .option("--why <test>", "explain the selection of this test for the change base..rev")
    .option("--policy <file>", "policy file (default: .superplane/policy.yml at the revision)")
    .option("--output <file>", "write here instead of stdout")
    .action(commandAction(graphCommand, log, exit));
  root
    .command("report")
    .description("keep a test run's durations (JUnit) and coverage in .git/superplane/ for the next select")
    .option("--junit <glob>", "JUnit XML report(s) the run wrote (repeatable)", collect, [])
    .option("--coverage-dir <dir>", "where the coverage reporter wrote (its SUPERPLANE_COVERAGE_DIR)")
    .option("--repo <dir>", "the git repository", ".")
    .option("--commit <sha>", "the commit the tests ran at (default: HEAD)")
    .option("--wall-ms <n>", "the test command's wall time: each file is kept at its share of it")
    .option("--selected <file>", "the selected tests (select --format list): warn of each that did not run")
    .option("--run-id <id>", "also send the results and coverage to this run of the service")
    .option("--api-url <url>", "the service's base URL, /v1 included (default: SUPERPLANE_API_URL)")
    .option("--token <token>", "a read+write service token (default: SUPERPLANE_TOKEN)")
    .action(
      commandAction(
        (flags: ReportFlags, log) =>
          import("./report-command.js").then(({ reportCommand }) => reportCommand(flags, log)),
        log,
        exit,
      ),
    );
  addServeCommand(root, log, exit);
  addTokenCommand(root, log, exit);
  addMigrateCommand(root, log, exit);
  addEvalCommand(root, log, exit);
  addHistoryCommand(root, log, exit);
  addCoverageCommand(root, log, exit);
  return root;
}

/** Commands that never read source: the service, tokens, migrations, the reporter's path. */
const PARSER_FREE = new Set(["serve", "token", "migrate", "coverage reporter"]);

/** Whether a command reads source files, so the WASM parser is loaded (once) before it runs. */
function parses(action: Command): boolean {
  const names: string[] = [];
  for (let at: Command | null = action; at?.parent; at = at.parent) names.unshift(at.name());
  return !PARSER_FREE.has(names[0] ?? "") && !PARSER_FREE.has(names.slice(0, 2).join(" "));
}

/** Errors that say what to fix: one line and their own exit code, no stack trace. */
const EXPECTED_ERRORS: [abstract new (...args: never[]) => Error, number][] = [
  [UsageError, EXIT.usage],
  [GitError, EXIT.git],
  [DiffParseError, EXIT.diffInput],
  [ServiceError, EXIT.service],
];

function report(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (verbose && error instanceof Error) log(error.stack ?? message);
  const known = EXPECTED_ERRORS.find(([type]) => error instanceof type);
  if (known) {
    log(`error: ${message}`);
    return known[1];
  }
  log(`superplane: internal error: ${message}${verbose ? "" : " (run with --verbose for the stack trace)"}`);
  return EXIT.internal;
}

/** The `superplane` command; returns the exit code (documented in the README). */
export async function main(argv: string[]): Promise<number> {
  const verbose = { on: argv.includes("--verbose") };
  const exit = { code: EXIT.ok as number };
  try {
    await program(verbose, exit).parseAsync(argv, { from: "user" });
    return exit.code;
  } catch (error) {
    return report(error, verbose.on);
  }
}
