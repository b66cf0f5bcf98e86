import { Type } from "@sinclair/typebox";
import { CoverageRecord as CoverageRecordSchema } from "../../contract/coverage.js";
import { firstProblem } from "../schema/first-problem.js";
import type { CoverageRecord } from "./types.js";

/** `superplane coverage save` writes this; `superplane select --coverage` reads it. Its records are the wire's. */
const RecordsFile = Type.Object({ version: Type.Literal(1), records: Type.Array(CoverageRecordSchema) });

/** A records file's text as records; the error names the file and the field. */
export function parseRecordsFile(text: string, file: string): CoverageRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  const problem = firstProblem(RecordsFile, value);
  if (problem) throw new Error(`${file}: ${problem.path || "(top)"}: ${problem.message}`);
  return (value as { records: CoverageRecord[] }).records;
}

/** Records, newer ones replacing older ones of the same test, sorted by test. */
export function mergeRecords(
  older: readonly CoverageRecord[],
  newer: readonly CoverageRecord[],
): CoverageRecord[] {
  const byTest = new Map(older.map((record) => [record.test, record]));
  for (const record of newer) byTest.set(record.test, record);
  return [...byTest.values()].sort((a, b) => (a.test < b.test ? -1 : a.test > b.test ? 1 : 0));
}

export function formatRecordsFile(records: readonly CoverageRecord[]): string {
  return `${JSON.stringify({ version: 1, records })}\n`;
}
