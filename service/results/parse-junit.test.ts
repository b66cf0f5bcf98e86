import { describe, expect, it } from "vitest";
import { ApiError } from "../api-error.js";
import { parseJUnit } from "./parse-junit.js";

describe("parseJUnit", () => {
  it("reads Vitest's shape: one suite per file, the file in classname", () => {
    const xml = `<testsuites><testsuite name="src/a.test.ts">
      <testcase classname="src/a.test.ts" name="one" time="0.0015"/>
      <testcase classname="src/a.test.ts" name="two" time="0.003"/>
    </testsuite></testsuites>`;
    expect(parseJUnit(xml)).toEqual([{ test_path: "src/a.test.ts", outcome: "passed", duration_ms: 5 }]);
  });

  it("prefers a case's file, then the nearest suite's file, over classname", () => {
    const xml = `<testsuites><testsuite name="outer" file="test/outer.test.ts">
      <testsuite name="inner"><testcase classname="Inner" name="a" time="1"/></testsuite>
      <testcase classname="Outer" file="test/own.test.ts" name="b" time="2"><error message="boom"/></testcase>
    </testsuite></testsuites>`;
    expect(parseJUnit(xml)).toEqual([
      { test_path: "test/own.test.ts", outcome: "failed", duration_ms: 2000, message: "b: boom" },
      { test_path: "test/outer.test.ts", outcome: "passed", duration_ms: 1000 },
    ]);
  });

  it("marks a file skipped only when every case was skipped, failed when any failed", () => {
    const xml = `<testsuite name="s">
      <testcase classname="a.test.ts" name="1"><skipped/></testcase>
      <testcase classname="a.test.ts" name="2" time="0.2"/>
      <testcase classname="b.test.ts" name="3"><skipped/></testcase>
      <testcase classname="c.test.ts" name="4" time="oops"><failure/></testcase>
      <testcase classname="c.test.ts" name="5"/>
    </testsuite>`;
    expect(parseJUnit(xml)).toEqual([
      { test_path: "a.test.ts", outcome: "passed", duration_ms: 200 },
      { test_path: "b.test.ts", outcome: "skipped", duration_ms: 0 },
      { test_path: "c.test.ts", outcome: "failed", duration_ms: 0, message: "4: failed" },
    ]);
  });

  it("accepts an empty report and rejects broken or foreign XML", () => {
    expect(parseJUnit("<testsuites/>")).toEqual([]);
    expect(() => parseJUnit("<testsuites>")).toThrow(ApiError);
    expect(() => parseJUnit("plain text")).toThrow("JUnit XML is not well-formed: line 1:");
    expect(() => parseJUnit('<testsuite><testcase name="x"/></testsuite>')).toThrow(
      "JUnit: a testcase names no file or classname",
    );
  });
});
