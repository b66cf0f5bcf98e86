import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
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
  let names: string[];
  try {
    names = (await readdir(join(dir, FOLDER))).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  const tests = new Set<string>();
  for (const name of names) {
    const file = join(dir, FOLDER, name);
    try {
      const value = JSON.parse(await readFile(file, "utf8")) as { version?: unknown; test?: unknown };
      if (value.version !== 1 || typeof value.test !== "string") throw new Error("not a flaky mark");
      const test = inRepo(repoDir, value.test);
      if (test) tests.add(test);
    } catch (error) {
      warn(`${file}: ${(error as Error).message}; skipped`);
    }
  }
  return [...tests].sort();
}
