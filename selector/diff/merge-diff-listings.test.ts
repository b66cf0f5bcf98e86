import { expect, test } from "vitest";
import { mergeDiffListings } from "./merge-diff-listings.js";

test("name-status decides names and statuses, numstat binary-ness, the patch ranges", () => {
  const merged = mergeDiffListings(
    [
      { status: "R", path: "b.ts", oldPath: "a.ts", similarity: 90 },
      { status: "M", path: "img.png" },
      { status: "T", path: "link" },
      { status: "A", path: "missing.ts" },
    ],
    [
      { path: "b.ts", oldPath: "a.ts", added: 1, deleted: 1, binary: false },
      { path: "img.png", added: null, deleted: null, binary: true },
    ],
    [
      {
        path: "b.ts",
        oldPath: "a.ts",
        status: "renamed",
        binary: false,
        headRanges: [{ start: 2, end: 2 }],
        baseRanges: [{ start: 2, end: 2 }],
      },
      {
        path: "img.png",
        status: "modified",
        binary: false,
        headRanges: [],
        baseRanges: [],
        modeChanged: true,
      },
      {
        path: "link",
        status: "type-changed",
        binary: false,
        headRanges: [{ start: 1, end: 1 }],
        baseRanges: [{ start: 1, end: 1 }],
      },
    ],
  );
  expect(merged).toEqual({
    files: [
      {
        path: "b.ts",
        oldPath: "a.ts",
        status: "renamed",
        binary: false,
        headRanges: [{ start: 2, end: 2 }],
        baseRanges: [{ start: 2, end: 2 }],
      },
      {
        path: "img.png",
        status: "modified",
        binary: true,
        headRanges: [],
        baseRanges: [],
        modeChanged: true,
      },
      {
        path: "link",
        status: "type-changed",
        binary: false,
        headRanges: [{ start: 1, end: 1 }],
        baseRanges: [{ start: 1, end: 1 }],
      },
      { path: "missing.ts", status: "added", binary: false, headRanges: [], baseRanges: [] },
    ],
    unmatched: ["missing.ts"],
  });
});
