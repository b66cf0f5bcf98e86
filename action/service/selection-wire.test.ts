import { describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import { decisionsOf, testColumns } from "./selection-wire.js";

const columns = {
  test_path: ["a.test.ts", "b.test.ts", "c.test.ts"],
  selected: "101",
  confidence: [1, 0.01, 0.97],
  reason_table: ["forced", "no import path from a changed file", "graph: x -> c.test.ts"],
  reasons: [[0], [1], [2, 0]],
};

describe("decisionsOf", () => {
  it("turns the columns back into one decision a test, in their order", () => {
    expect(decisionsOf({ decisions: [], decision_columns: columns })).toEqual([
      { test_path: "a.test.ts", selected: true, confidence: 1, reasons: ["forced"] },
      {
        test_path: "b.test.ts",
        selected: false,
        confidence: 0.01,
        reasons: ["no import path from a changed file"],
      },
      {
        test_path: "c.test.ts",
        selected: true,
        confidence: 0.97,
        reasons: ["graph: x -> c.test.ts", "forced"],
      },
    ]);
  });

  it("takes `decisions` as they are from a service that answers no columns", () => {
    const decisions = [{ test_path: "a.test.ts", selected: true, confidence: 1, reasons: [] }];
    expect(decisionsOf({ decisions })).toBe(decisions);
  });

  it("refuses columns that disagree, a reason index past the table and a flag not 0 or 1", () => {
    const cases: [Partial<typeof columns>, string][] = [
      [{ selected: "10" }, "selected holds 2 tests, test_path 3"],
      [{ confidence: [1] }, "confidence holds 1 tests, test_path 3"],
      [{ reasons: [[0], [1], [3]] }, "reasons[2][0] is 3, past reason_table's 3 entries"],
      [{ selected: "1x1" }, 'selected[1] is "x", not "0" or "1"'],
    ];
    for (const [change, message] of cases) {
      expect(() => decisionsOf({ decisions: [], decision_columns: { ...columns, ...change } })).toThrow(
        `the SuperPlane service answered unexpected decision_columns: ${message}`,
      );
    }
  });
});

describe("testColumns", () => {
  it("puts every feature in a column of its own and the rest of a test in details, by index", () => {
    const reached = { ...unreachableFeatures(false), reachable: true, distance: 2 };
    const tests = [
      { path: "a.test.ts", features: unreachableFeatures(true) },
      { path: "b.test.ts", features: reached, forced: ["policy: always"], type_checked: true },
    ];
    expect(testColumns(tests)).toEqual({
      path: ["a.test.ts", "b.test.ts"],
      features: {
        reachable: [false, true],
        distance: [0, 2],
        symbolHit: [false, false],
        weakOnly: [false, false],
        changedFilesReaching: [0, 0],
        maxFanIn: [0, 0],
        typeTest: [true, false],
      },
      details: [{ index: 1, forced: ["policy: always"], type_checked: true }],
    });
  });
});
