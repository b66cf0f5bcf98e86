import { describe, expect, it } from "vitest";
import { UNREACHED_REASON } from "../selector/select/decide.js";
import type { SelectionResult } from "../selector/select/types.js";
import { formatList, formatText } from "./format-text.js";

const result: SelectionResult = {
  mode: "selective",
  confidence_threshold: 0.85,
  granularity: "symbol",
  tests_selected: 1,
  tests_total: 3,
  decisions: [
    {
      test_path: "test/mul.test.ts",
      selected: true,
      confidence: 0.97,
      reasons: ["graph: src/calc.ts -> test/mul.test.ts; uses changed calc"],
    },
    {
      test_path: "test/add.test.ts",
      selected: false,
      confidence: 0.06,
      reasons: [
        "graph: src/calc.ts -> test/add.test.ts; uses changed calc",
        "coverage recorded at 0123456789ab: it ran none of the changed functions of the 1 file it loaded that changed, and loading them runs the same code",
      ],
    },
    { test_path: "test/other.test.ts", selected: false, confidence: 0.01, reasons: [UNREACHED_REASON] },
  ],
  deleted_tests: [],
  changed_files: [{ path: "src/calc.ts", status: "modified" }],
  warnings: [],
  timings: { total_ms: 12, files: 5, sources_parsed: 1, cache_hits: 4 },
};

describe("formatText", () => {
  it("shows what runs and why, the skipped tests the change reaches with their reasons, and counts the rest", () => {
    expect(formatText(result, { base: "HEAD~1", head: "HEAD" })).toBe(
      [
        "SuperPlane: 1 of 3 tests selected (HEAD~1..HEAD)",
        "Changed files: 1; threshold 0.85; granularity symbol",
        "",
        "Selected:",
        "  test/mul.test.ts  97%",
        "      graph: src/calc.ts -> test/mul.test.ts; uses changed calc",
        "",
        "Skipped, though the change reaches them:",
        "  test/add.test.ts  6%",
        "      graph: src/calc.ts -> test/add.test.ts; uses changed calc",
        "      coverage recorded at 0123456789ab: it ran none of the changed functions of the 1 file it loaded that changed, and loading them runs the same code",
        "",
        "Skipped: 1 test(s) with no import path from the change.",
        "",
        "Took 12 ms (5 files, 1 parsed, 4 from cache).",
        "",
      ].join("\n"),
    );
    expect(formatList(result)).toBe("test/mul.test.ts\n");
  });
});
