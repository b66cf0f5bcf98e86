import { readBlobs } from "../repo/git-tree.js";
import type { RevisionSource } from "../repo/revision-source.js";
import { type LoadContext, resolveRelative } from "./added-loads.js";
import { coverageVerdict } from "./coverage-verdict.js";
import { type FileUnits, fileUnits, type TopStatement } from "./function-units.js";
import type { CoverageRecord, CoverageVerdict } from "./types.js";
import { loadsOf, type UnitChanges, unitChanges } from "./unit-changes.js";

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
  const loads = await loadContext(input.head, headBlobs, changes, pairs);
  const verdicts = new Map<string, CoverageVerdict>();
  for (const record of input.records) {
    verdicts.set(
      record.test,
      coverageVerdict(
        record,
        (path) => headBlobs.get(path),
        (_path, was, now) => changes.get(`${was}:${now}`),
        loads,
      ),
    );
  }
  return verdicts;
}

/**
 * What the check of added loads reads of the revision: the statements of every module a changed
 * file now also loads, and of the modules those load, read level by level (MAX_DEPTH of added-loads).
 */
async function loadContext(
  head: RevisionSource,
  headBlobs: ReadonlyMap<string, string>,
  changes: ReadonlyMap<string, UnitChanges | undefined>,
  pairs: ReadonlyMap<string, { path: string }>,
): Promise<LoadContext> {
  const paths = new Set(headBlobs.keys());
  const statements = new Map<string, readonly TopStatement[] | undefined>();
  let wanted = new Set<string>();
  for (const [key, pair] of pairs) {
    for (const specifier of changes.get(key)?.addedLoads ?? []) {
      const target = resolveRelative(paths, pair.path, specifier);
      if (target) wanted.add(target);
    }
  }
  for (let depth = 0; depth < 5 && wanted.size > 0; depth += 1) {
    const read = await head.read([...wanted]);
    const next = new Set<string>();
    for (const path of wanted) {
      const text = read.get(path)?.toString("utf8");
      const parsed = text === undefined ? undefined : fileUnits(path, text)?.statements;
      statements.set(path, parsed);
      for (const specifier of parsed ? loadsOf(parsed) : []) {
        const target = resolveRelative(paths, path, specifier);
        if (target && !statements.has(target)) next.add(target);
      }
    }
    wanted = next;
  }
  return {
    resolve: (from, specifier) => resolveRelative(paths, from, specifier),
    statementsOf: (path) => statements.get(path),
  };
}
