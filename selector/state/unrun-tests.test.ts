import { describe, expect, it } from "vitest";
import { unrunNote, unrunTests } from "./unrun-tests.js";

describe("unrunTests", () => {
  it("lists the selected tests no report result or coverage time names", () => {
    const share = ["app/[slug]/page.test.js", "app/other.test.js", "lib/a.test.ts"];
    expect(unrunTests(share, { results: ["app/other.test.js"], timed: ["lib/a.test.ts"] })).toEqual([
      "app/[slug]/page.test.js",
    ]);
    expect(unrunTests(share, { results: share, timed: [] })).toEqual([]);
  });

  it("tells nothing when no evidence maps to a test at all", () => {
    expect(unrunTests(["a.test.ts"], { results: [], timed: [] })).toBeUndefined();
  });
});

describe("unrunNote", () => {
  it("names Jest's regular expressions when the command runs Jest without --runTestsByPath", () => {
    const note = unrunNote(["app/[slug]/page.test.js", "app/(auth)/login.test.js"], "npx jest --ci {tests}");
    expect(note.level).toBe("warning");
    expect(note.message).toBe(
      "2 selected test file(s) did not run, so a failure in them would not fail this check: app/[slug]/page.test.js, app/(auth)/login.test.js. Jest reads each path it is given as a regular expression, and these paths hold characters such an expression reads as syntax: add --runTestsByPath before {tests} in the run command",
    );
  });

  it("names node --test's glob patterns when the command runs it", () => {
    expect(unrunNote(["app/[slug]/x.test.mjs"], "node --test {tests}").message).toContain(
      "From Node 21, node --test reads each path it is given as a glob pattern",
    );
    expect(unrunNote(["app/(auth)/x.test.mjs"], "node --test {tests}").message).toContain(
      "the run command must run every path it is given",
    );
  });

  it("gives the general cause otherwise, and lists ten files at most", () => {
    const unrun = Array.from({ length: 12 }, (_, i) => `t/${i}.test.ts`);
    const note = unrunNote(unrun, "npx jest --runTestsByPath {tests}");
    expect(note.message).toContain("t/9.test.ts, and 2 more. No JUnit result or coverage time names them");
    expect(unrunNote(["app/[id].test.ts"], "npx vitest run {tests}").message).toContain(
      "the run command must run every path it is given",
    );
  });
});
