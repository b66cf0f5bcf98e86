import { describe, expect, it } from "vitest";
import { groundTruth, parseJsonReport } from "./suite-report.js";

const REPORT = JSON.stringify({
  numTotalTests: 3,
  testResults: [
    { name: "/r/src/a.test.ts", status: "passed", startTime: 100, endTime: 150 },
    { name: "/r/src/b.test.ts", status: "failed", startTime: 100, endTime: 400, message: "boom" },
    // vitest --typecheck reports a file once at run time and once for its types.
    { name: "/r/src/a.test.ts", status: "failed", startTime: 0, endTime: 10 },
    { name: "/r/src/c.test.ts", status: "passed", startTime: 5, endTime: 6 },
  ],
});

describe("parseJsonReport", () => {
  it("maps absolute names to repository paths and merges a file's two passes", () => {
    const result = parseJsonReport(REPORT, "/r");
    expect(result.get("src/a.test.ts")).toEqual({ outcome: "failed", durationMs: 60 });
    expect(result.get("src/b.test.ts")).toEqual({ outcome: "failed", durationMs: 300 });
    expect(result.get("src/c.test.ts")).toEqual({ outcome: "passed", durationMs: 1 });
  });

  it("fails a file whose suite-level message is set though its status says passed (Vitest 0.34's load error)", () => {
    const report = JSON.stringify({
      testResults: [
        {
          name: "/r/src/a.test.ts",
          status: "passed",
          assertionResults: [],
          message: "Transform failed with 1 error",
        },
        { name: "/r/src/b.test.ts", status: "passed", assertionResults: [], message: "" },
      ],
    });
    const result = parseJsonReport(report, "/r");
    expect(result.get("src/a.test.ts")?.outcome).toBe("failed");
    expect(result.get("src/b.test.ts")?.outcome).toBe("passed");
  });

  it("rejects a file that is not a test report", () => {
    expect(() => parseJsonReport("{}", "/r")).toThrow(/testResults/);
  });
});

describe("groundTruth", () => {
  it("keeps files that fail at the base and pass at the head, not those broken at both", () => {
    const base = parseJsonReport(REPORT, "/r");
    const head = parseJsonReport(
      JSON.stringify({
        testResults: [
          { name: "/r/src/a.test.ts", status: "passed" },
          { name: "/r/src/b.test.ts", status: "failed" },
          { name: "/r/src/c.test.ts", status: "passed" },
        ],
      }),
      "/r",
    );
    expect(groundTruth(base, head)).toEqual(["src/a.test.ts"]);
  });
});
