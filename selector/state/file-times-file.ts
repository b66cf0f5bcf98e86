import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Each test file's wall time as the runner measured it: environment, set-up files, import
 * (transform and collection) and its tests, which JUnit's case times leave out. The collector's
 * Vitest reporter writes one file per run into `<SUPERPLANE_COVERAGE_DIR>/file-times/`
 * (file-times.ts reads them). Nothing here but Node: the reporter's bundle includes it.
 */
export const FILE_TIMES_DIR = "file-times";

/** One test file's measured time; `path` is absolute, as the runner names it. */
export interface FileTime {
  path: string;
  duration_ms: number;
}

/**
 * Writes one run's file times (synchronously: a reporter's last hook may not be awaited) and, when
 * known, `run_ms`: how long the runner ran test files, its first file's start to its last one's
 * end. The rest of the command's wall time is its fixed cost (starting the runner, loading its
 * config, tearing down), which a run of any one file pays too.
 */
export function writeFileTimes(
  coverageDir: string,
  runner: string,
  files: readonly FileTime[],
  runMs?: number,
): string {
  const dir = join(coverageDir, FILE_TIMES_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}-${randomBytes(4).toString("hex")}.json`);
  const run = runMs !== undefined && Number.isFinite(runMs) ? { run_ms: Math.round(runMs) } : {};
  writeFileSync(file, JSON.stringify({ version: 1, runner, files, ...run }));
  return file;
}
