import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, expect, test } from "vitest";
import { DiffParseError, readDiffInput } from "./read-diff-input.js";

const dir = mkdtempSync(join(tmpdir(), "superplane-diff-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DIFF = "diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n@@ -2 +2,2 @@\n-a\n+b\n+c\n";

test("reads a diff file", async () => {
  const file = join(dir, "ok.diff");
  writeFileSync(file, DIFF);
  expect(await readDiffInput(file)).toEqual({
    files: [
      {
        path: "x.ts",
        status: "modified",
        binary: false,
        headRanges: [{ start: 2, end: 3 }],
        baseRanges: [{ start: 2, end: 2 }],
      },
    ],
  });
});

test("reads standard input for -", async () => {
  const diff = await readDiffInput("-", Readable.from([Buffer.from(DIFF)]));
  expect(diff.files.map((f) => f.path)).toEqual(["x.ts"]);
});

test("an empty file is an empty diff", async () => {
  const file = join(dir, "empty.diff");
  writeFileSync(file, "");
  expect(await readDiffInput(file)).toEqual({ files: [] });
});

test("a file holding no diff names the file", async () => {
  const file = join(dir, "notes.txt");
  writeFileSync(file, "just some notes\n");
  await expect(readDiffInput(file)).rejects.toThrow(
    `${file}:line 1: no diff found: expected \`diff --git\` or \`---\`/\`+++\` file headers`,
  );
});

test("a malformed hunk names the file and the hunk's line", async () => {
  const file = join(dir, "bad.diff");
  writeFileSync(file, "intro\n--- a/x.ts\n+++ b/x.ts\n@@ -1,2 +1,2 @@\n-a\nnot a hunk line\n");
  const error = await readDiffInput(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DiffParseError);
  expect((error as DiffParseError).source).toBe(file);
  expect((error as DiffParseError).line).toBe(4);
  expect((error as DiffParseError).message).toBe(
    `${file}:line 4: hunk "@@ -1,2 +1,2 @@" ends early: 1 base and 2 head lines missing at line 6`,
  );
});

test("stdin errors say <stdin>, a missing file says it cannot be read", async () => {
  await expect(readDiffInput("-", Readable.from(["nope\n"]))).rejects.toThrow(
    /^<stdin>:line 1: no diff found/,
  );
  await expect(readDiffInput(join(dir, "absent.diff"))).rejects.toThrow(
    /absent\.diff: cannot read the diff: ENOENT/,
  );
});
