import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { diskReader, readRawCoverage, recordsFromRaw } from "../selector/coverage/read-coverage.js";
import { formatRecordsFile, mergeRecords, parseRecordsFile } from "../selector/coverage/records-file.js";
import type { CoverageRecord } from "../selector/coverage/types.js";
import { runGit } from "../selector/git/run-git.js";
import { EXIT, UsageError } from "./exit-codes.js";

export interface SaveFlags {
  repo: string;
  dir: string;
  file: string;
  commit?: string;
}

/** Reads a records file, or none when it does not exist yet. */
export async function readRecordsFile(file: string): Promise<CoverageRecord[]> {
  if (!existsSync(file)) return [];
  try {
    return parseRecordsFile(await readFile(file, "utf8"), file);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * `superplane coverage save`: the collector's output (SUPERPLANE_COVERAGE_DIR) as records, read
 * against the working tree the tests ran in, merged into the records file (each test's newest wins).
 */
export async function saveCommand(flags: SaveFlags, log: (line: string) => void): Promise<number> {
  const repoDir = resolve(flags.repo);
  const file = resolve(flags.file);
  const older = await readRecordsFile(file);
  const raws = await readRawCoverage(resolve(flags.dir), repoDir, log);
  if (raws.length === 0) {
    throw new UsageError(
      `no coverage in ${flags.dir}: run the tests with --reporter=$(superplane coverage reporter) and SUPERPLANE_COVERAGE_DIR=${flags.dir}`,
    );
  }
  const commit = flags.commit ?? (await runGit(repoDir, ["rev-parse", "HEAD"])).trim();
  const records = await recordsFromRaw(raws, diskReader(repoDir), commit);
  await writeFile(file, formatRecordsFile(mergeRecords(older, records)));
  const skipped = raws.length - records.length;
  log(
    `saved coverage of ${records.length} test files to ${flags.file}` +
      (skipped > 0 ? ` (${skipped} ran in a worker shared with other files: not recorded)` : ""),
  );
  return EXIT.ok;
}
