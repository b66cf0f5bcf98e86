import type { TestFeatures } from "../../selector/model/features.js";
import type { StoredDecision } from "./storage.js";

/**
 * A run's decisions as one record of five text columns instead of a row per test: a 5,000-test
 * selection wrote 5,000 rows and index entries (40% of a request's CPU on SQLite; 262 ms of backend
 * time and 2.6 MB of WAL on PostgreSQL), and every reader reads a run's decisions whole anyway.
 * Column by column, so pricing a run's skips reads only `paths` and `selected`.
 */
export interface DecisionRecord {
  tests: number;
  /** JSON array of test paths in code-unit order: the order the run's page always listed them in. */
  paths: string;
  /** One character per test, "1" selected, "0" skipped. */
  selected: string;
  /** JSON array of numbers. */
  confidence: string;
  /** JSON `[table, refs]`: each distinct reason once, then each test's reasons as indexes into it. */
  reasons: string;
  /** JSON `[keys, rows]`: each test's feature values in `keys` order, null where a key is absent. */
  features: string;
}

function byPath(a: StoredDecision, b: StoredDecision): number {
  return a.test_path < b.test_path ? -1 : a.test_path > b.test_path ? 1 : 0;
}

export function encodeDecisions(decisions: readonly StoredDecision[]): DecisionRecord {
  const sorted = [...decisions].sort(byPath);
  const n = sorted.length;
  const paths = new Array<string>(n);
  const selected = new Array<string>(n);
  const confidence = new Array<number>(n);
  // Tests the graph did not reach share a handful of reasons: each is stored once.
  const reasonIndex = new Map<string, number>();
  const refs = new Array<number[]>(n);
  const keyIndex = new Map<string, number>();
  const rows = new Array<unknown[]>(n);
  for (let i = 0; i < n; i++) {
    const d = sorted[i]!;
    // The request refuses a test named twice; the record, with no key per test, must not take one.
    if (i > 0 && d.test_path === paths[i - 1]) throw new Error(`decisions name test "${d.test_path}" twice`);
    paths[i] = d.test_path;
    selected[i] = d.selected ? "1" : "0";
    confidence[i] = d.confidence;
    refs[i] = d.reasons.map((reason) => {
      let at = reasonIndex.get(reason);
      if (at === undefined) {
        at = reasonIndex.size;
        reasonIndex.set(reason, at);
      }
      return at;
    });
    const row: unknown[] = [];
    for (const [key, value] of Object.entries(d.features)) {
      if (value === undefined) continue;
      let at = keyIndex.get(key);
      if (at === undefined) {
        at = keyIndex.size;
        keyIndex.set(key, at);
      }
      row[at] = value;
    }
    rows[i] = row;
  }
  // A key first seen on a later test leaves earlier rows short: pad them to the same width with nulls.
  const width = keyIndex.size;
  for (const row of rows) for (let k = 0; k < width; k++) if (row[k] === undefined) row[k] = null;
  return {
    tests: n,
    paths: JSON.stringify(paths),
    selected: selected.join(""),
    confidence: JSON.stringify(confidence),
    reasons: JSON.stringify([[...reasonIndex.keys()], refs]),
    features: JSON.stringify([[...keyIndex.keys()], rows]),
  };
}

/** Thrown when a stored record's columns disagree: the run's decisions cannot be trusted. */
export class CorruptDecisionRecord extends Error {}

export function decodeDecisions(runId: string, record: DecisionRecord): StoredDecision[] {
  const paths = JSON.parse(record.paths) as string[];
  const confidence = JSON.parse(record.confidence) as number[];
  const [reasonTable, refs] = JSON.parse(record.reasons) as [string[], number[][]];
  const [keys, rows] = JSON.parse(record.features) as [string[], unknown[][]];
  const n = Number(record.tests);
  for (const [name, length] of [
    ["paths", paths.length],
    ["selected", record.selected.length],
    ["confidence", confidence.length],
    ["reasons", refs.length],
    ["features", rows.length],
  ] as const) {
    if (length !== n)
      throw new CorruptDecisionRecord(
        `run ${runId}: decisions column ${name} holds ${length} tests, not ${n}`,
      );
  }
  const decisions = new Array<StoredDecision>(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const features: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) if (row[k] !== null) features[keys[k]!] = row[k];
    decisions[i] = {
      test_path: paths[i]!,
      selected: record.selected.charCodeAt(i) === 49,
      confidence: confidence[i]!,
      reasons: refs[i]!.map((at) => reasonTable[at]!),
      features: features as unknown as TestFeatures,
    };
  }
  return decisions;
}

/** The paths of the tests the run skipped, from the two columns that say so. */
export function skippedPaths(record: Pick<DecisionRecord, "paths" | "selected">): string[] {
  const paths = JSON.parse(record.paths) as string[];
  return paths.filter((_, i) => record.selected.charCodeAt(i) !== 49);
}
