import { describe, expect, test } from "vitest";
import { DiffParseError } from "./diff-parse-error.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";

const lines = (...rows: string[]) => `${rows.join("\n")}\n`;

describe("parseUnifiedDiff on git -U0 output", () => {
  test("modified, renamed, deleted, added and binary files with exact ranges", () => {
    const text = lines(
      "diff --git a/a.ts b/a.ts",
      "index fa2da6e..0839514 100644",
      "--- a/a.ts",
      "+++ b/a.ts",
      "@@ -3 +2,0 @@ line 2",
      "-line 3",
      "@@ -7 +6 @@ line 6",
      "-line 7",
      "+LINE 7",
      "@@ -10,0 +10 @@ line 10",
      "+extra",
      "diff --git a/bin.png b/bin.png",
      "index 0df5c99..cc00bde 100644",
      "Binary files a/bin.png and b/bin.png differ",
      'diff --git a/ren.ts "b/caf\\303\\251/na\\303\\257ve x.ts"',
      "similarity index 95%",
      "rename from ren.ts",
      'rename to "caf\\303\\251/na\\303\\257ve x.ts"',
      "index 8011166..35099a0 100644",
      "--- a/ren.ts",
      '+++ "b/caf\\303\\251/na\\303\\257ve x.ts"\t',
      "@@ -5 +5 @@ r 4",
      "-r 5",
      "+R5",
      "diff --git a/del.ts b/del.ts",
      "deleted file mode 100644",
      "index 587be6b..0000000",
      "--- a/del.ts",
      "+++ /dev/null",
      "@@ -1,2 +0,0 @@",
      "-x",
      "-y",
      'diff --git "a/new\\ttab.ts" "b/new\\ttab.ts"',
      "new file mode 100644",
      "index 0000000..422c2b7",
      "--- /dev/null",
      '+++ "b/new\\ttab.ts"',
      "@@ -0,0 +1,3 @@",
      "+a",
      "+b",
      "+c",
    );
    expect(parseUnifiedDiff(text)).toEqual([
      {
        path: "a.ts",
        status: "modified",
        binary: false,
        headRanges: [
          { start: 6, end: 6 },
          { start: 10, end: 10 },
        ],
        baseRanges: [
          { start: 3, end: 3 },
          { start: 7, end: 7 },
        ],
      },
      { path: "bin.png", status: "modified", binary: true, headRanges: [], baseRanges: [] },
      {
        path: "café/naïve x.ts",
        oldPath: "ren.ts",
        status: "renamed",
        binary: false,
        headRanges: [{ start: 5, end: 5 }],
        baseRanges: [{ start: 5, end: 5 }],
      },
      {
        path: "del.ts",
        status: "deleted",
        binary: false,
        headRanges: [],
        baseRanges: [{ start: 1, end: 2 }],
      },
      {
        path: "new\ttab.ts",
        status: "added",
        binary: false,
        headRanges: [{ start: 1, end: 3 }],
        baseRanges: [],
      },
    ]);
  });

  test("adjacent changed lines from separate hunks merge into one range", () => {
    const text = lines(
      "diff --git a/x.ts b/x.ts",
      "--- a/x.ts",
      "+++ b/x.ts",
      "@@ -2,0 +3,2 @@",
      "+a",
      "+b",
      "@@ -3,0 +5 @@",
      "+c",
      "@@ -9 +8,0 @@",
      "-gone",
    );
    const [change] = parseUnifiedDiff(text);
    expect(change?.headRanges).toEqual([{ start: 3, end: 5 }]);
    expect(change?.baseRanges).toEqual([{ start: 9, end: 9 }]);
  });

  test("a pure rename, a copy and a mode change carry no hunks", () => {
    const text = lines(
      "diff --git a/old name.ts b/new name.ts",
      "similarity index 100%",
      "rename from old name.ts",
      "rename to new name.ts",
      "diff --git a/src/a.ts b/src/b.ts",
      "similarity index 90%",
      "copy from src/a.ts",
      "copy to src/b.ts",
      "--- a/src/a.ts",
      "+++ b/src/b.ts",
      "@@ -1 +1 @@",
      "-x",
      "+y",
      "diff --git a/run.sh b/run.sh",
      "old mode 100644",
      "new mode 100755",
    );
    expect(parseUnifiedDiff(text)).toEqual([
      {
        path: "new name.ts",
        oldPath: "old name.ts",
        status: "renamed",
        binary: false,
        headRanges: [],
        baseRanges: [],
      },
      {
        path: "src/b.ts",
        oldPath: "src/a.ts",
        status: "copied",
        binary: false,
        headRanges: [{ start: 1, end: 1 }],
        baseRanges: [{ start: 1, end: 1 }],
      },
      {
        path: "run.sh",
        status: "modified",
        binary: false,
        headRanges: [],
        baseRanges: [],
        modeChanged: true,
      },
    ]);
  });

  test("a symlink replaced by a file (git's delete-then-add pair) is one type change", () => {
    const text = lines(
      "diff --git a/l b/l",
      "deleted file mode 120000",
      "index 4d1ae35..0000000",
      "--- a/l",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-f",
      "\\ No newline at end of file",
      "diff --git a/l b/l",
      "new file mode 100644",
      "index 0000000..273a402",
      "--- /dev/null",
      "+++ b/l",
      "@@ -0,0 +1,2 @@",
      "+body",
      "+more",
      "diff --git a/m b/m",
      "old mode 100644",
      "new mode 120000",
    );
    expect(parseUnifiedDiff(text)).toEqual([
      {
        path: "l",
        status: "type-changed",
        binary: false,
        headRanges: [{ start: 1, end: 2 }],
        baseRanges: [{ start: 1, end: 1 }],
      },
      { path: "m", status: "type-changed", binary: false, headRanges: [], baseRanges: [] },
    ]);
  });

  test("GIT binary patch data is skipped and marks the file binary", () => {
    const text = lines(
      "diff --git a/img.png b/img.png",
      "new file mode 100644",
      "index 0000000000000000000000000000000000000000..b0b3c4f9a3a0c2f1e7c0e6d4b1a2c3d4e5f60718",
      "GIT binary patch",
      "literal 6",
      "NcmZQzWMXDy00073000",
      "",
      "literal 0",
      "HcmV?d00001",
      "",
      "diff --git a/b.ts b/b.ts",
      "--- a/b.ts",
      "+++ b/b.ts",
      "@@ -1 +1 @@",
      "-a",
      "+b",
    );
    expect(parseUnifiedDiff(text)).toEqual([
      { path: "img.png", status: "added", binary: true, headRanges: [], baseRanges: [] },
      {
        path: "b.ts",
        status: "modified",
        binary: false,
        headRanges: [{ start: 1, end: 1 }],
        baseRanges: [{ start: 1, end: 1 }],
      },
    ]);
  });

  test("an empty new file has no ranges", () => {
    const text = lines("diff --git a/empty b/empty", "new file mode 100644", "index 0000000..e69de29");
    expect(parseUnifiedDiff(text)).toEqual([
      { path: "empty", status: "added", binary: false, headRanges: [], baseRanges: [] },
    ]);
  });
});

describe("parseUnifiedDiff on bad input", () => {
  test("empty text is an empty diff", () => {
    expect(parseUnifiedDiff("")).toEqual([]);
    expect(parseUnifiedDiff("\n")).toEqual([]);
  });

  test("text with no file headers is an error, not an empty diff", () => {
    expect(() => parseUnifiedDiff("hello\nworld\n", "notes.txt")).toThrowError(
      new DiffParseError("no diff found: expected `diff --git` or `---`/`+++` file headers", {
        source: "notes.txt",
        line: 1,
      }),
    );
  });

  test("a truncated hunk names the line of its header", () => {
    const text = lines(
      "diff --git a/x.ts b/x.ts",
      "--- a/x.ts",
      "+++ b/x.ts",
      "@@ -1,3 +1,3 @@",
      " a",
      "-b",
      "+B",
    );
    let caught: unknown;
    try {
      parseUnifiedDiff(text, "change.diff");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DiffParseError);
    expect((caught as DiffParseError).line).toBe(4);
    expect((caught as DiffParseError).message).toBe(
      'change.diff:line 4: hunk "@@ -1,3 +1,3 @@" ends early: 1 base and 1 head lines missing at line 8',
    );
  });

  test("a hunk with more lines than its header counts stops at the count", () => {
    const text = lines("--- a/x.ts", "+++ b/x.ts", "@@ -1 +1 @@", "-a", "+b", "+c");
    expect(parseUnifiedDiff(text)[0]?.headRanges).toEqual([{ start: 1, end: 1 }]);
  });
});
