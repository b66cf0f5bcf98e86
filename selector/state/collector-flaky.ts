import { join } from "node:path";
import { readCollectorFiles } from "../coverage/collector-files.js";
import { inRepo } from "../coverage/read-coverage.js";

/** Where the Vitest reporter notes flaky test files (action/coverage/vitest-reporter.ts). */
const FOLDER = "flaky";

/**
 * The test files the collector's Vitest reporter saw pass only on a retry, repository-relative.
 * A file that cannot be read is reported through `warn` and skipped: a mark only informs.
 */
export async function readCollectorFlaky(
  dir: string,
  repoDir: string,
  warn: (message: string) => void,
): Promise<string[]> {
  const tests = new Set<string>();
  for (const { file, value } of await readCollectorFiles(join(dir, FOLDER), warn)) {
    const mark = value as { version?: unknown; test?: unknown } | null;
    if (mark?.version !== 1 || typeof mark.test !== "string") {
      warn(`${file}: not a flaky mark; skipped`);
      continue;
    }
    const test = inRepo(repoDir, mark.test);
    if (test) tests.add(test);
  }
  return [...tests].sort();
}
