import { describe, expect, test } from "vitest";
import { parseUnifiedDiff } from "./parse-unified-diff.js";

const lines = (...rows: string[]) => `${rows.join("\n")}\n`;

describe("parseUnifiedDiff on other producers", () => {
  test("context lines, any -U, and a missing trailing newline", () => {
    const text = lines(
      "diff --git a/x.ts b/x.ts",
      "--- a/x.ts",
      "+++ b/x.ts",
      "@@ -1,7 +1,8 @@ header",
      " one",
      "-two",
      "+TWO",
      "+two and a half",
      " three",
      " four",
      "-five",
      " six",
      "-seven",
      "\\ No newline at end of file",
      "+seven",
      "+eight",
    );
    const [change] = parseUnifiedDiff(text);
    expect(change?.headRanges).toEqual([
      { start: 2, end: 3 },
      { start: 7, end: 8 },
    ]);
    expect(change?.baseRanges).toEqual([
      { start: 2, end: 2 },
      { start: 5, end: 5 },
      { start: 7, end: 7 },
    ]);
  });

  test("a hunk body line that looks like a file header stays in the hunk", () => {
    const text = lines("--- a/doc.md", "+++ b/doc.md", "@@ -1,2 +1,2 @@", "--- a/old", "+++ b/new", " tail");
    expect(parseUnifiedDiff(text)).toEqual([
      {
        path: "doc.md",
        status: "modified",
        binary: false,
        headRanges: [{ start: 1, end: 1 }],
        baseRanges: [{ start: 1, end: 1 }],
      },
    ]);
  });

  test("--no-prefix: names are taken as they are", () => {
    const text = lines(
      "diff --git a/x.ts a/x.ts",
      "--- a/x.ts",
      "+++ a/x.ts",
      "@@ -1 +1 @@",
      "-a",
      "+b",
      "diff --git src/new.ts src/new.ts",
      "new file mode 100644",
      "--- /dev/null",
      "+++ src/new.ts",
      "@@ -0,0 +1 @@",
      "+x",
    );
    expect(parseUnifiedDiff(text).map((c) => [c.path, c.status])).toEqual([
      ["a/x.ts", "modified"],
      ["src/new.ts", "added"],
    ]);
  });

  test("GNU diff -ruN with timestamps, tabs and the epoch for missing files", () => {
    const text = lines(
      "diff -ruN old/src/a b.ts new/src/a b.ts",
      "--- old/src/a b.ts\t2024-05-01 10:00:00.000000000 +0200",
      "+++ new/src/a b.ts\t2024-05-02 10:00:00.000000000 +0200",
      "@@ -4 +4 @@",
      "-x",
      "+y",
      "diff -ruN old/src/c.ts new/src/c.ts",
      "--- old/src/c.ts\t1970-01-01 01:00:00.000000000 +0100",
      "+++ new/src/c.ts\t2024-05-02 10:00:00.000000000 +0200",
      "@@ -0,0 +1,2 @@",
      "+1",
      "+2",
      "Binary files old/logo.png and new/logo.png differ",
    );
    expect(parseUnifiedDiff(text)).toEqual([
      {
        path: "src/a b.ts",
        status: "modified",
        binary: false,
        headRanges: [{ start: 4, end: 4 }],
        baseRanges: [{ start: 4, end: 4 }],
      },
      {
        path: "src/c.ts",
        status: "added",
        binary: false,
        headRanges: [{ start: 1, end: 2 }],
        baseRanges: [],
      },
      { path: "logo.png", status: "modified", binary: true, headRanges: [], baseRanges: [] },
    ]);
  });

  test("a git format-patch mail: message, diffstat separator and signature are not diff", () => {
    const text = lines(
      "From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001",
      "From: Dev <dev@example.com>",
      "Subject: [PATCH] Fix the thing",
      "",
      "--- a long line of dashes in the message is still message",
      "---",
      " src/x.ts | 2 +-",
      " 1 file changed, 1 insertion(+), 1 deletion(-)",
      "",
      "diff --git a/src/x.ts b/src/x.ts",
      "index 1..2 100644",
      "--- a/src/x.ts",
      "+++ b/src/x.ts",
      "@@ -2,3 +2,3 @@ export function x() {",
      "   const a = 1;",
      "-  return a;",
      "+  return a + 1;",
      " }",
      "-- ",
      "2.39.5",
    );
    expect(parseUnifiedDiff(text)).toEqual([
      {
        path: "src/x.ts",
        status: "modified",
        binary: false,
        headRanges: [{ start: 3, end: 3 }],
        baseRanges: [{ start: 3, end: 3 }],
      },
    ]);
  });

  test("quoted names decode C escapes: octal UTF-8, tab, quote and backslash", () => {
    const text = lines(
      'diff --git "a/caf\\303\\251 \\"q\\" \\\\.ts" "b/caf\\303\\251 \\"q\\" \\\\.ts"',
      "deleted file mode 100644",
      '--- "a/caf\\303\\251 \\"q\\" \\\\.ts"',
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-x",
    );
    expect(parseUnifiedDiff(text).map((c) => [c.path, c.status])).toEqual([['café "q" \\.ts', "deleted"]]);
  });

  test("CRLF line endings", () => {
    const text =
      "diff --git a/w.ts b/w.ts\r\n--- a/w.ts\r\n+++ b/w.ts\r\n@@ -1,2 +1,2 @@\r\n \r\n-a\r\n+b\r\n";
    expect(parseUnifiedDiff(text)).toEqual([
      {
        path: "w.ts",
        status: "modified",
        binary: false,
        headRanges: [{ start: 2, end: 2 }],
        baseRanges: [{ start: 2, end: 2 }],
      },
    ]);
  });

  test("a merge's combined diff: lines added against either parent", () => {
    const text = lines(
      "diff --cc f.ts",
      "index 1,2..3",
      "--- a/f.ts",
      "+++ b/f.ts",
      "@@@ -1,3 -1,3 +1,3 @@@",
      "  1",
      "- M",
      " -B",
      "++X",
      "  3",
    );
    expect(parseUnifiedDiff(text)).toEqual([
      {
        path: "f.ts",
        status: "modified",
        binary: false,
        headRanges: [{ start: 2, end: 2 }],
        baseRanges: [{ start: 2, end: 2 }],
      },
    ]);
  });
});
