import { describe, expect, test } from "vitest";
import { parseNameStatusZ, parseNumstatZ } from "./parse-name-status.js";

describe("parseNameStatusZ", () => {
  test("every status, with rename and copy scores and verbatim odd names", () => {
    const output = [
      "M",
      "src/a.ts",
      "A",
      "new\nline.ts",
      "D",
      "gone\ttab.ts",
      "R100",
      "old.ts",
      "new.ts",
      "C075",
      "src/base.ts",
      "src/copy.ts",
      "T",
      "link",
      "U",
      "conflict.ts",
      "",
    ].join("\0");
    expect(parseNameStatusZ(output)).toEqual([
      { status: "M", path: "src/a.ts" },
      { status: "A", path: "new\nline.ts" },
      { status: "D", path: "gone\ttab.ts" },
      { status: "R", path: "new.ts", oldPath: "old.ts", similarity: 100 },
      { status: "C", path: "src/copy.ts", oldPath: "src/base.ts", similarity: 75 },
      { status: "T", path: "link" },
      { status: "U", path: "conflict.ts" },
    ]);
  });

  test("empty output is no changes", () => {
    expect(parseNameStatusZ("")).toEqual([]);
  });

  test("output that is not name-status is an error", () => {
    expect(() => parseNameStatusZ("src/a.ts\0")).toThrow(
      'unexpected git --name-status field "src/a.ts" at field 1',
    );
    expect(() => parseNameStatusZ("R090\0only-one\0")).toThrow(
      'git --name-status: "R090" lacks its two paths',
    );
  });
});

describe("parseNumstatZ", () => {
  test("counts, binary files and renames in -z form", () => {
    const output =
      "3\t1\tsrc/a.ts\0-\t-\timg.png\0" + "2\t0\t\0old name.ts\0new name.ts\0" + "0\t0\t\0a\nb\0c\td\0";
    expect(parseNumstatZ(output)).toEqual([
      { path: "src/a.ts", added: 3, deleted: 1, binary: false },
      { path: "img.png", added: null, deleted: null, binary: true },
      { path: "new name.ts", oldPath: "old name.ts", added: 2, deleted: 0, binary: false },
      { path: "c\td", oldPath: "a\nb", added: 0, deleted: 0, binary: false },
    ]);
  });

  test("a binary rename", () => {
    expect(parseNumstatZ("-\t-\t\0a.png\0b.png\0")).toEqual([
      { path: "b.png", oldPath: "a.png", added: null, deleted: null, binary: true },
    ]);
  });

  test("output that is not numstat is an error", () => {
    expect(() => parseNumstatZ("M\0x\0")).toThrow('unexpected git --numstat field "M" at field 1');
  });
});
