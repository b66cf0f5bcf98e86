import { z } from "zod";
import type { CoverageRecord } from "./types.js";

/** One test's coverage record as it travels (files, the service's wire): checked on the way in. */
export const CoverageRecordSchema = z.object({
  version: z.number().int().min(1),
  test: z.string().min(1),
  commit: z.string().optional(),
  files: z.array(
    z.object({
      path: z.string().min(1),
      blob: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "a git blob id"),
      units: z.union([z.array(z.number().int().min(0)), z.literal("all")]),
      read: z.literal(true).optional(),
      order: z.number().int().min(0).optional(),
    }),
  ),
});

/** `superplane coverage save` writes this; `superplane select --coverage` reads it. */
const RecordsFile = z.object({ version: z.literal(1), records: z.array(CoverageRecordSchema) });

/** A records file's text as records; the error names the file and the field. */
export function parseRecordsFile(text: string, file: string): CoverageRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = RecordsFile.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  return parsed.data.records as CoverageRecord[];
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
