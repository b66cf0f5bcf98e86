import { readBlobs } from "../repo/git-tree.js";
import type { RevisionSource } from "../repo/revision-source.js";
import { coverageVerdict } from "./coverage-verdict.js";
import { type FileUnits, fileUnits } from "./function-units.js";
import type { CoverageRecord, CoverageVerdict } from "./types.js";
import { type UnitChanges, unitChanges } from "./unit-changes.js";

export interface CoverageCheckInput {
  repoDir: string;
  /** The revision under test: its listing gives each path's blob, its reader the text. */
  head: RevisionSource;
  /** The latest record of each test to check. */
  records: readonly CoverageRecord[];
}

/**
 * Each test's coverage verdict against the revision under test. Reads, in one git process, the
 * recorded versions of the files that differ now, and the new versions from `head`; each pair is
 * compared once however many tests loaded it.
 */
export async function checkCoverage(input: CoverageCheckInput): Promise<Map<string, CoverageVerdict>> {
  const headBlobs = new Map(input.head.entries.map((entry) => [entry.path, entry.oid]));
  const pairs = new Map<string, { path: string; before: string; after: string }>();
  for (const record of input.records) {
    for (const file of record.files) {
      const after = headBlobs.get(file.path);
      if (after === undefined || after === file.blob) continue;
      pairs.set(`${file.blob}:${after}`, { path: file.path, before: file.blob, after });
    }
  }
  const wanted = [...pairs.values()];
  const [before, after] = await Promise.all([
    readBlobs(
      input.repoDir,
      wanted.map((p) => p.before),
    ),
    input.head.read([...new Set(wanted.map((p) => p.path))]),
  ]);
  const units = new Map<string, FileUnits | undefined>();
  const unitsOf = (path: string, blob: string, content: Buffer | undefined) => {
    if (!units.has(blob)) units.set(blob, content ? fileUnits(path, content.toString("utf8")) : undefined);
    return units.get(blob);
  };
  const changes = new Map<string, UnitChanges | undefined>();
  for (const [key, pair] of pairs) {
    const old = unitsOf(pair.path, pair.before, before.get(pair.before));
    const now = unitsOf(pair.path, pair.after, after.get(pair.path));
    changes.set(key, old && now ? unitChanges(old, now) : undefined);
  }
  const verdicts = new Map<string, CoverageVerdict>();
  for (const record of input.records) {
    verdicts.set(
      record.test,
      coverageVerdict(
        record,
        (path) => headBlobs.get(path),
        (_path, was, now) => changes.get(`${was}:${now}`),
      ),
    );
  }
  return verdicts;
}
