import { join } from "node:path";
import { Type } from "@sinclair/typebox";
import { CoverageRecord as CoverageRecordSchema } from "../../contract/coverage.js";
import { mergeRecords } from "../coverage/records-file.js";
import type { CoverageRecord } from "../coverage/types.js";
import { type Loaded, readStateFile, writeStateFile } from "./state-file.js";

/**
 * The coverage records of the tests that ran, newest per test: the records file format of
 * `superplane coverage save`, so `superplane select --coverage .git/superplane/coverage.json`
 * reads it as well.
 */
export const COVERAGE_FILE = "coverage.json";

const CoverageFile = Type.Object({ version: Type.Literal(1), records: Type.Array(CoverageRecordSchema) });

export async function readCoverageStore(dir: string): Promise<Loaded<CoverageRecord[]>> {
  const loaded = await readStateFile(join(dir, COVERAGE_FILE), CoverageFile, () => ({
    version: 1 as const,
    records: [],
  }));
  return {
    value: loaded.value.records as CoverageRecord[],
    ...(loaded.warning ? { warning: loaded.warning } : {}),
  };
}

/** Each new record replaces its test's older one. */
export async function recordCoverage(
  dir: string,
  records: readonly CoverageRecord[],
): Promise<Loaded<CoverageRecord[]>> {
  const loaded = await readCoverageStore(dir);
  const merged = mergeRecords(loaded.value, records);
  await writeStateFile(join(dir, COVERAGE_FILE), { version: 1, records: merged });
  return { value: merged, ...(loaded.warning ? { warning: loaded.warning } : {}) };
}
