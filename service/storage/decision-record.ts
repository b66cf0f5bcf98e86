import type { TestFeatures } from "../../selector/model/features.js";
import { LoopSlices } from "../loop-slices.js";
import { ReasonIndex } from "../reason-index.js";
import { sortInSlices } from "../sort-in-slices.js";
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

/**
 * Tests per part of a large run's record (`run_decision_parts`, 0017): each part is one INSERT,
 * the loop turning between them. 100,000 decisions as one row were one 10 MB statement that held
 * the loop 100-150 ms on SQLite. A run that fits one part keeps its single `run_decisions` row.
 */
export const PART_TESTS = 5_000;

/** Whether `decisions` are in strictly increasing path order: sorted, and no test named twice. */
function inStrictPathOrder(decisions: readonly StoredDecision[]): boolean {
  for (let i = 1; i < decisions.length; i++) {
    if (!(decisions[i - 1]!.test_path < decisions[i]!.test_path)) return false;
  }
  return true;
}

/**
 * The decisions' indexes in path order, a slice at a time. The action sends its tests in git's path
 * order, so input in strictly increasing order is only checked: sorted, and no path twice. Otherwise
 * sorting the bare strings with the default comparison (UTF-16 code units) is twice as fast as
 * sorting the objects by a callback.
 */
async function pathOrder(
  decisions: readonly StoredDecision[],
  slices: LoopSlices,
): Promise<{ order: number[]; asGiven: boolean }> {
  const n = decisions.length;
  if (inStrictPathOrder(decisions)) return { order: Array.from(decisions.keys()), asGiven: true };
  const paths = new Array<string>(n);
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const path = decisions[i]!.test_path;
    // The request refuses a test named twice; the record, with no key per test, must not take one.
    if (index.has(path)) throw new Error(`decisions name test "${path}" twice`);
    index.set(path, i);
    paths[i] = path;
    if ((i & 4_095) === 4_095) await slices.pause();
  }
  const inOrder = await sortInSlices(paths, slices);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    order[i] = index.get(inOrder[i]!)!;
    if ((i & 4_095) === 4_095) await slices.pause();
  }
  return { order, asGiven: false };
}

/** A part of the record, with the two halves of its `reasons` column, which the answer's columns name apart. */
interface EncodedRange {
  record: DecisionRecord;
  reasonTable: string;
  reasonRefs: string;
}

/** The record of the decisions at `order[from..to)`, giving the loop a turn every few milliseconds. */
async function encodeRange(
  decisions: readonly StoredDecision[],
  order: readonly number[],
  from: number,
  to: number,
  slices: LoopSlices,
): Promise<EncodedRange> {
  const n = to - from;
  // Filled by push, not `new Array(n)`: JSON.stringify takes its fast path only for arrays without
  // holes (http/decision-columns.ts).
  const paths: string[] = [];
  const selected: string[] = [];
  const confidence: number[] = [];
  // Tests the graph did not reach share a handful of reasons: each is stored once.
  const reasonIndex = new ReasonIndex();
  const refs: number[][] = [];
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const d = decisions[order[from + i]!]!;
    paths.push(d.test_path);
    selected.push(d.selected ? "1" : "0");
    confidence.push(d.confidence);
    refs.push(reasonIndex.refs(d.reasons));
    // for…in, not Object.entries: an array per key per test was a third of the encoding's time.
    // Tests' features share one key order: the key after the last one is tried before the map.
    const features = d.features as unknown as Record<string, unknown>;
    const row: unknown[] = [];
    let next = 0;
    for (const key in features) {
      const value = features[key];
      if (value === undefined) continue;
      let at = keys[next] === key ? next : keyIndex.get(key);
      if (at === undefined) {
        at = keys.length;
        keys.push(key);
        keyIndex.set(key, at);
      }
      row[at] = value;
      next = at + 1;
    }
    rows.push(row);
    if ((i & 1023) === 1023) await slices.pause();
  }
  // A key first seen on a later test leaves earlier rows short: pad them to the same width with nulls.
  const width = keys.length;
  for (const row of rows) for (let k = row.length; k < width; k++) row[k] = null;
  await slices.pause();
  const pathsText = JSON.stringify(paths);
  const confidenceText = JSON.stringify(confidence);
  await slices.pause();
  const reasonTable = JSON.stringify(reasonIndex.table());
  const reasonRefs = JSON.stringify(refs);
  await slices.pause();
  const record = {
    tests: n,
    paths: pathsText,
    selected: selected.join(""),
    confidence: confidenceText,
    // As JSON.stringify([table, refs]) writes it.
    reasons: ["[", reasonTable, ",", reasonRefs, "]"].join(""),
    features: JSON.stringify([keys, rows]),
  };
  await slices.pause();
  return { record, reasonTable, reasonRefs };
}

/** A run's record, and its decisions in the answer's `decision_columns` form when that costs nothing more. */
export interface EncodedRun {
  parts: DecisionRecord[];
  /**
   * The JSON of `decision_columns` (contract/decision-columns.ts) for the decisions as given, in
   * pieces, when the record holds them in that order in one part: its columns are the answer's.
   */
  columns?: string[];
}

/** The answer's columns of a record part that holds the decisions in the order they were given. */
function columnsOf({ record, reasonTable, reasonRefs }: EncodedRange): string[] {
  return [
    '{"test_path":',
    record.paths,
    ',"selected":"',
    record.selected,
    '","confidence":',
    record.confidence,
    ',"reason_table":',
    reasonTable,
    ',"reasons":',
    reasonRefs,
    "}",
  ];
}

/**
 * The record of `decisions` in parts of `partTests` tests in path order, each encoded on its own
 * (its own reason table and feature keys), giving the event loop a turn every few milliseconds:
 * 100,000 decisions took a quarter of a second to encode in one go, other requests waiting all
 * along. No decisions, no part.
 */
export async function encodeRunDecisions(
  decisions: readonly StoredDecision[],
  partTests = PART_TESTS,
): Promise<EncodedRun> {
  const slices = new LoopSlices();
  const { order, asGiven } = await pathOrder(decisions, slices);
  const ranges: EncodedRange[] = [];
  for (let from = 0; from < order.length; from += partTests) {
    ranges.push(await encodeRange(decisions, order, from, Math.min(order.length, from + partTests), slices));
  }
  const parts = ranges.map((range) => range.record);
  return asGiven && ranges.length === 1 ? { parts, columns: columnsOf(ranges[0]!) } : { parts };
}

/** The record of `decisions` as one part, however many (`run_decisions`, 0013). */
export async function encodeDecisions(decisions: readonly StoredDecision[]): Promise<DecisionRecord> {
  const slices = new LoopSlices();
  const { order } = await pathOrder(decisions, slices);
  return (await encodeRange(decisions, order, 0, order.length, slices)).record;
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
    for (let k = 0; k < keys.length; k++) {
      const value = row[k];
      if (value !== null && value !== undefined) features[keys[k]!] = value;
    }
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

/** A run's decisions from its record's parts, in part order: one list in path order. */
export function decodeDecisionParts(runId: string, parts: readonly DecisionRecord[]): StoredDecision[] {
  const decisions: StoredDecision[] = [];
  for (const part of parts) for (const decision of decodeDecisions(runId, part)) decisions.push(decision);
  return decisions;
}
