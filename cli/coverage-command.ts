import type { Command } from "commander";
import { vitestCoverageReporter } from "../action/coverage/reporter-path.js";
import { commandAction } from "./command-action.js";
import type { SaveFlags } from "./coverage-save.js";
import { EXIT } from "./exit-codes.js";

/** `superplane coverage`: registration only; saving loads its code (and the TypeBox checker) when it runs. */
export function addCoverageCommand(root: Command, log: (line: string) => void, exit: { code: number }): void {
  const coverage = root
    .command("coverage")
    .description("record which functions each test runs, so a change that runs none of them skips it");
  coverage
    .command("reporter")
    .description(
      "print the Vitest reporter that records coverage: vitest run --reporter=$(superplane coverage reporter)",
    )
    .action(() => {
      process.stdout.write(`${vitestCoverageReporter()}\n`);
      exit.code = EXIT.ok;
    });
  coverage
    .command("save")
    .description("turn a run's recorded coverage into records, merged into a records file")
    .requiredOption("--dir <dir>", "where the run wrote it (its SUPERPLANE_COVERAGE_DIR)")
    .requiredOption("--file <file>", "the records file to update (created when missing)")
    .option("--repo <dir>", "the repository the tests ran in", ".")
    .option("--commit <sha>", "the commit the tests ran at (default: HEAD)")
    .action(
      commandAction(
        (flags: SaveFlags, log) =>
          import("./coverage-save.js").then(({ saveCommand }) => saveCommand(flags, log)),
        log,
        exit,
      ),
    );
}
