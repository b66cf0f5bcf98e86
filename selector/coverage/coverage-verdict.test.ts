import { describe, expect, it } from "vitest";
import { coverageVerdict } from "./coverage-verdict.js";
import { type CoverageRecord, UNITS_VERSION } from "./types.js";
import type { UnitChanges } from "./unit-changes.js";

const record: CoverageRecord = {
  version: UNITS_VERSION,
  test: "test/a.test.ts",
  commit: "c0ffee",
  files: [
    { path: "src/a.ts", blob: "a1", units: [0, 2] },
    { path: "src/b.ts", blob: "b1", units: "all" },
    { path: "test/a.test.ts", blob: "t1", units: [0] },
  ],
};
const same: Record<string, string> = { "src/a.ts": "a1", "src/b.ts": "b1", "test/a.test.ts": "t1" };
const none: UnitChanges = { loadChanged: false, changedUnits: new Set() };

function verdict(head: Record<string, string>, changes: UnitChanges | undefined) {
  return coverageVerdict(
    record,
    (path) => head[path],
    () => changes,
  );
}

describe("coverageVerdict", () => {
  it("clears a test whose files are all the same, or changed only in functions it did not run", () => {
    expect(verdict(same, none)).toEqual({ clear: true, commit: "c0ffee", files: 0 });
    expect(
      verdict({ ...same, "src/a.ts": "a2" }, { loadChanged: false, changedUnits: new Set([1]) }),
    ).toEqual({
      clear: true,
      commit: "c0ffee",
      files: 1,
    });
  });

  it("keeps a test that ran a changed function, or a file it cannot tell the functions of", () => {
    const changed = { loadChanged: false, changedUnits: new Set([2]) };
    expect(verdict({ ...same, "src/a.ts": "a2" }, changed)).toEqual({
      clear: false,
      reason: "it ran a changed function of src/a.ts",
    });
    expect(
      verdict({ ...same, "src/b.ts": "b2" }, { loadChanged: false, changedUnits: new Set([7]) }),
    ).toEqual({
      clear: false,
      reason: "it ran src/b.ts, which changed",
    });
    // A file run whole, where nothing that runs changed (a comment), is still the same code.
    expect(verdict({ ...same, "src/b.ts": "b2" }, none).clear).toBe(true);
  });

  it("keeps a test when loading a file changed, the file is gone, or cannot be compared", () => {
    const load = {
      loadChanged: true,
      loadReason: "its top-level code changed",
      changedUnits: new Set<number>(),
    };
    expect(verdict({ ...same, "src/a.ts": "a2" }, load)).toEqual({
      clear: false,
      reason: "it loaded src/a.ts, where its top-level code changed",
    });
    const { "src/b.ts": _gone, ...rest } = same;
    expect(verdict(rest, none)).toEqual({ clear: false, reason: "it loaded src/b.ts, which is gone" });
    expect(verdict({ ...same, "src/a.ts": "a2" }, undefined)).toEqual({
      clear: false,
      reason: "it loaded src/a.ts, which cannot be compared by function",
    });
  });

  it("keeps a test that read a changed file as text, even when only a comment changed", () => {
    const reader: CoverageRecord = {
      ...record,
      files: [{ path: "fixtures/a.ts", blob: "f1", units: "all", read: true }],
    };
    expect(
      coverageVerdict(
        reader,
        () => "f2",
        () => none,
      ),
    ).toEqual({
      clear: false,
      reason: "it read fixtures/a.ts, which changed",
    });
  });

  it("trusts no record made with other units", () => {
    const old = { ...record, version: UNITS_VERSION + 1 };
    expect(
      coverageVerdict(
        old,
        (path) => same[path],
        () => none,
      ).clear,
    ).toBe(false);
  });
});
