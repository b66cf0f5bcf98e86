import { describe, expect, it } from "vitest";
import type { TestFeatures } from "../../selector/model/features.js";
import { decisionColumnPieces } from "../http/decision-columns.js";
import {
  CorruptDecisionRecord,
  decodeDecisionParts,
  decodeDecisions,
  encodeDecisions,
  encodeRunDecisions,
  skippedPaths,
} from "./decision-record.js";
import type { StoredDecision } from "./storage.js";

const base: TestFeatures = {
  reachable: true,
  distance: 2,
  symbolHit: false,
  weakOnly: false,
  changedFilesReaching: 1,
  maxFanIn: 7,
  typeTest: false,
};

const decisions: StoredDecision[] = [
  {
    test_path: "z/last.test.ts",
    selected: false,
    confidence: 0.013333333333333334,
    reasons: ["no import path from a changed file"],
    features: { ...base, reachable: false, distance: 0 },
  },
  {
    test_path: "a/first.test.ts",
    selected: true,
    confidence: 1,
    reasons: ['policy: "always_run"', "graph: src/a.ts -> a/first.test.ts"],
    // A key only some tests have, first seen after the first test (runs stored when the features
    // had an optional mentionDepth keep it).
    features: { ...base, mentionDepth: 0 } as TestFeatures,
  },
  {
    test_path: 'm/ünï "q"\\.test.ts',
    selected: false,
    confidence: 0,
    reasons: [],
    features: { ...base, reachable: false, distance: 0 },
  },
  {
    test_path: "m/other.test.ts",
    selected: false,
    confidence: 1e-9,
    reasons: ["no import path from a changed file"],
    features: base,
  },
];

const byPath = [...decisions].sort((a, b) => (a.test_path < b.test_path ? -1 : 1));

describe("decision records", () => {
  it("give back every decision exactly, in path order, absent keys left absent", async () => {
    const record = await encodeDecisions(decisions);
    const decoded = decodeDecisions("run_1", record);
    expect(decoded).toEqual(byPath);
    expect(decoded.map((d) => "mentionDepth" in d.features)).toEqual([true, false, false, false]);
    expect(record.tests).toBe(4);
    expect(record.selected).toBe("1000");
  });

  it("split into parts in path order, each with its own reasons and keys, give back the same decisions", async () => {
    const parts = (await encodeRunDecisions(decisions, 3)).parts;
    expect(parts.map((p) => [p.tests, p.selected])).toEqual([
      [3, "100"],
      [1, "0"],
    ]);
    expect(JSON.parse(parts[1]!.reasons)).toEqual([["no import path from a changed file"], [[0]]]);
    expect(decodeDecisionParts("run_1", parts)).toEqual(byPath);
    expect(parts.flatMap(skippedPaths)).toEqual(skippedPaths(await encodeDecisions(decisions)));
    expect((await encodeRunDecisions([])).parts).toEqual([]);
  });

  it("store each reason once", async () => {
    const record = await encodeDecisions(decisions);
    expect(JSON.parse(record.reasons)).toEqual([
      ['policy: "always_run"', "graph: src/a.ts -> a/first.test.ts", "no import path from a changed file"],
      [[0, 1], [2], [], [2]],
    ]);
  });

  it("name the skipped tests from two columns", async () => {
    expect(skippedPaths(await encodeDecisions(decisions))).toEqual([
      "m/other.test.ts",
      'm/ünï "q"\\.test.ts',
      "z/last.test.ts",
    ]);
  });

  it("hold no test at all", async () => {
    const record = await encodeDecisions([]);
    expect(decodeDecisions("run_1", record)).toEqual([]);
    expect(skippedPaths(record)).toEqual([]);
  });

  it("refuse a test named twice, side by side or apart", async () => {
    const [last, first] = [decisions[0]!, decisions[1]!];
    for (const named of [
      [last, last],
      [first, first, last],
      [first, last, first],
    ]) {
      await expect(encodeDecisions(named)).rejects.toThrow("twice");
    }
  });

  it("give the answer's columns of decisions in path order, as the answer writes them, and only then", async () => {
    const inOrder = [...decisions].sort((a, b) => (a.test_path < b.test_path ? -1 : 1));
    const encoded = await encodeRunDecisions(inOrder);
    expect(encoded.columns!.join("")).toBe((await decisionColumnPieces(inOrder)).join(""));
    expect(JSON.parse(encoded.columns!.join("")).reason_table.length).toBeGreaterThan(1);
    expect((await encodeRunDecisions(decisions)).columns).toBeUndefined();
    expect((await encodeRunDecisions(inOrder, 1)).columns).toBeUndefined();
  });

  it("keep decisions that come in path order in that order", async () => {
    const inOrder = [...decisions].sort((a, b) => (a.test_path < b.test_path ? -1 : 1));
    expect(decodeDecisions("run_1", await encodeDecisions(inOrder))).toEqual(inOrder);
  });

  it("refuse a record whose columns disagree, naming the run and the column", async () => {
    const record = { ...(await encodeDecisions(decisions)), selected: "10" };
    expect(() => decodeDecisions("run_9", record)).toThrow(CorruptDecisionRecord);
    expect(() => decodeDecisions("run_9", record)).toThrow(
      "run run_9: decisions column selected holds 2 tests, not 4",
    );
  });
});
