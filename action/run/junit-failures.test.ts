import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { frameIn, junitFailures } from "./junit-failures.js";

/** Real reports of one failing test (fixtures/README.md says how they were made). */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");

describe("junitFailures", () => {
  it("reads Vitest's failing case: message, diff, and the assertion's line from its stack", () => {
    expect(junitFailures(fixture("vitest-failing.xml"))).toEqual([
      {
        file: "test/math.test.ts",
        name: "adds two numbers",
        message: "expected 4 to be 3 // Object.is equality",
        details: [
          "AssertionError: expected 4 to be 3 // Object.is equality",
          "",
          "- Expected",
          "+ Received",
          "",
          "- 3",
          "+ 4",
          "",
          " ❯ test/math.test.ts:6:21",
        ].join("\n"),
        line: 6,
        column: 21,
      },
    ]);
  });

  it("reads jest-junit's failing case: the first line as message, the frame in the test file", () => {
    const [failure, ...rest] = junitFailures(fixture("jest-failing.xml"));
    expect(rest).toEqual([]);
    expect(failure).toMatchObject({
      file: "test/math.test.js",
      name: "adds two numbers",
      message: "Error: expect(received).toBe(expected) // Object.is equality",
      line: 4,
      column: 21,
    });
    // Jest's own frames are left out; the test's frame stays.
    expect(failure!.details).not.toContain("jest-circus");
    expect(failure!.details).toContain("Expected: 3\nReceived: 4");
    expect(failure!.details).toContain("math.test.js:4:21");
  });

  it("prefers a case's line attribute, and finds no line where the stack never names the file", () => {
    const xml = `<testsuite name="s"><testcase file="a.test.ts" name="t" line="12"><failure>boom</failure></testcase>
      <testcase file="b.test.ts" name="u"><error message="timeout">at x (other.ts:3:1)</error></testcase></testsuite>`;
    expect(junitFailures(xml)).toEqual([
      { file: "a.test.ts", name: "t", message: "boom", details: "boom", line: 12 },
      { file: "b.test.ts", name: "u", message: "timeout", details: "at x (other.ts:3:1)" },
    ]);
    expect(junitFailures("not xml <")).toEqual([]);
  });

  it("matches the file itself, not a file whose name ends the same", () => {
    expect(frameIn("a.test.ts", "at f (/w/src/data.test.ts:3:1)\nat g (/w/a.test.ts:9:2)")).toEqual({
      line: 9,
      column: 2,
    });
  });
});
