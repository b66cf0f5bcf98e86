import { describe, expect, it } from "vitest";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import { encodeCoverage, recordTexts } from "./coverage-encoding.js";

const SHA = "a".repeat(40);
const records = [
  { version: 2, test: "test/ü.test.ts", files: [{ path: "src/ä.ts", blob: "b", units: [1], read: false }] },
  {
    version: 2,
    test: "test/b.test.ts",
    commit: "c".repeat(40),
    files: [
      { path: "src/b.ts", blob: "b", units: "all", order: 0, extra: 1 },
      { path: "src/c.ts", blob: "b", units: [], read: true },
    ],
  },
] as unknown as CoverageRecord[];

describe("encodeCoverage", () => {
  it("keeps each record's stored JSON, test and commit, and counts every file", () => {
    const encoded = encodeCoverage(SHA, records, { clean: true });
    const texts = recordTexts(encoded);
    expect([encoded.tests, encoded.commits, encoded.files]).toEqual([
      ["test/ü.test.ts", "test/b.test.ts"],
      [SHA, "c".repeat(40)],
      3,
    ]);
    expect([0, 1].map((i) => JSON.parse(texts.text(i)))).toEqual([
      {
        version: 2,
        test: "test/ü.test.ts",
        commit: SHA,
        files: [{ path: "src/ä.ts", blob: "b", units: [1] }],
      },
      {
        version: 2,
        test: "test/b.test.ts",
        commit: "c".repeat(40),
        files: [
          { path: "src/b.ts", blob: "b", units: "all", order: 0 },
          { path: "src/c.ts", blob: "b", units: [], read: true },
        ],
      },
    ]);
    // Bytes, not characters: the first text holds two characters of two bytes each.
    expect(texts.bytes(0)).toBe(Buffer.byteLength(texts.text(0)));
    expect(texts.bytes(0)).toBe(texts.text(0).length + 2);
  });

  it("stores files as given without cleaning", () => {
    const texts = recordTexts(encodeCoverage(SHA, records, { clean: false }));
    expect(JSON.parse(texts.text(1)).files[0]).toEqual({
      path: "src/b.ts",
      blob: "b",
      units: "all",
      order: 0,
      extra: 1,
    });
  });
});
