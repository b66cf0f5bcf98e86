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

/** Writes one run's file times (synchronously: a reporter's last hook may not be awaited). */
export function writeFileTimes(coverageDir: string, runner: string, files: readonly FileTime[]): string {
  const dir = join(coverageDir, FILE_TIMES_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}-${randomBytes(4).toString("hex")}.json`);
  writeFileSync(file, JSON.stringify({ version: 1, runner, files }));
  return file;
}
