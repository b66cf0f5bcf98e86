import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BatchTime } from "./batch-times.js";
import { type Batch, planBatches, type Shell } from "./command-template.js";
import { JUnitCollector, type Report } from "./junit-reports.js";

export interface RunOptions {
  template: string;
  tests: readonly string[];
  workspace: string;
  /** Where list files go (RUNNER_TEMP). */
  tempDir: string;
  junit: readonly string[];
  /** Extra environment for the command: SUPERPLANE_MODE and the like. */
  env: Record<string, string>;
  log: (line: string) => void;
  shell?: Shell;
}

export interface RunOutcome {
  batches: number;
  /** The first non-zero exit code, or 0. */
  exitCode: number;
  reports: Report[];
  /** Each batch's tests and wall time, start to exit. */
  times: BatchTime[];
}

/** The list file of one batch: one test path a line. */
export const listFile = (tempDir: string, batch: number) =>
  join(tempDir, `superplane-tests-${batch + 1}.txt`);

function execute(command: string, cwd: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    // The shell a `run:` step would use; the command's output goes straight to the job log.
    const child = spawn(command, { cwd, env: { ...process.env, ...env }, shell: true, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function runBatch(batch: Batch, index: number, total: number, options: RunOptions): Promise<number> {
  await writeFile(listFile(options.tempDir, index), batch.tests.map((t) => `${t}\n`).join(""));
  const label = total > 1 ? ` (batch ${index + 1} of ${total}, ${batch.tests.length} tests)` : "";
  options.log(`$ ${batch.command.length > 500 ? `${batch.command.slice(0, 500)}…` : batch.command}${label}`);
  return execute(batch.command, options.workspace, {
    ...options.env,
    SUPERPLANE_TESTS_FILE: listFile(options.tempDir, index),
  });
}

/**
 * Runs the command for the tests, in batches when `{tests}` would overflow the command line.
 * Every batch runs even after one fails, so every result is reported; reports are collected
 * after each batch because runners rewrite the same file.
 */
export async function runTests(options: RunOptions): Promise<RunOutcome> {
  const shell = options.shell ?? (process.platform === "win32" ? "cmd" : "posix");
  const batches = planBatches(options.template, options.tests, (i) => listFile(options.tempDir, i), shell);
  const junit = new JUnitCollector(options.workspace, options.junit);
  await junit.baseline();
  const reports: Report[] = [];
  const times: BatchTime[] = [];
  let exitCode = 0;
  for (const [index, batch] of batches.entries()) {
    const started = performance.now();
    const code = await runBatch(batch, index, batches.length, options);
    times.push({ tests: batch.tests, wall_ms: Math.round(performance.now() - started) });
    if (code !== 0) {
      options.log(`the command exited ${code}`);
      if (exitCode === 0) exitCode = code;
    }
    reports.push(...(await junit.collect()));
  }
  return { batches: batches.length, exitCode, reports, times };
}
