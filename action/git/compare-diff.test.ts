import { describe, expect, it } from "vitest";
import { COMPARE_FILE_LIMIT, type CompareResponse, diffFromCompare } from "./compare-diff.js";

const BASE = "b".repeat(40);
const HEAD = "c".repeat(40);

const answer = (files: NonNullable<CompareResponse["files"]>): CompareResponse => ({
  merge_base_commit: { sha: BASE },
  files,
});

describe("diffFromCompare", () => {
  it("turns the compare API's files into the selector's changes, with line ranges from the patches", () => {
    const result = diffFromCompare(
      answer([
        { filename: "src/a.ts", status: "modified", patch: "@@ -2,2 +2,3 @@\n x\n-old\n+new\n+more" },
        { filename: "src/new.ts", status: "added", patch: "@@ -0,0 +1,2 @@\n+a\n+b" },
        { filename: "src/gone.ts", status: "removed", patch: "@@ -1,1 +0,0 @@\n-a" },
        { filename: "src/to.ts", previous_filename: "src/from.ts", status: "renamed" },
        { filename: "logo.png", status: "modified" },
        { filename: "same.ts", status: "unchanged" },
      ]),
      HEAD,
    );
    expect(result).toEqual({
      mergeBase: BASE,
      diff: {
        base: BASE,
        head: HEAD,
        files: [
          {
            path: "src/a.ts",
            status: "modified",
            binary: false,
            headRanges: [{ start: 3, end: 4 }],
            baseRanges: [{ start: 3, end: 3 }],
          },
          {
            path: "src/new.ts",
            status: "added",
            binary: false,
            headRanges: [{ start: 1, end: 2 }],
            baseRanges: [],
          },
          {
            path: "src/gone.ts",
            status: "deleted",
            binary: false,
            headRanges: [],
            baseRanges: [{ start: 1, end: 1 }],
          },
          {
            path: "src/to.ts",
            oldPath: "src/from.ts",
            status: "renamed",
            binary: true,
            headRanges: [],
            baseRanges: [],
          },
          { path: "logo.png", status: "modified", binary: true, headRanges: [], baseRanges: [] },
        ],
      },
    });
  });

  it("refuses a list the API may have cut off", () => {
    const files = Array.from({ length: COMPARE_FILE_LIMIT }, (_, i) => ({
      filename: `f${i}.ts`,
      status: "modified" as const,
    }));
    expect(diffFromCompare(answer(files), HEAD)).toEqual({
      reason: "the compare API lists at most 300 files and this change has more",
    });
  });
});
