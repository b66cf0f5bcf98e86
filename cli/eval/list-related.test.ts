import { describe, expect, it } from "vitest";
import { parseListArgs, relatedReport, relevantSpecs, specFile } from "./list-related.js";
import { parseJsonReport } from "./suite-report.js";

describe("list-related", () => {
  it("reads the config, the report path and the changed files, ignoring the reporter flag", () => {
    expect(
      parseListArgs(["--config", "v.config.ts", "--reporter=json", "--outputFile=/tmp/r.json", "src/a.ts"]),
    ).toEqual({ config: "v.config.ts", output: "/tmp/r.json", files: ["src/a.ts"] });
    expect(() => parseListArgs(["src/a.ts"])).toThrow(/--outputFile/);
  });

  it("writes the listed files as a report the evaluation reads, once each", () => {
    const report = relatedReport(["/r/test/b.test.ts", "/r/test/a.test.ts", "/r/test/b.test.ts"]);
    expect([...parseJsonReport(report, "/r").keys()]).toEqual(["test/a.test.ts", "test/b.test.ts"]);
  });

  it("reads the file of a Vitest 3+ specification and of a Vitest 2 [project, file] tuple", () => {
    expect(specFile({ moduleId: "/r/test/a.test.ts" })).toBe("/r/test/a.test.ts");
    expect(specFile([{}, "/r/test/b.test.ts"])).toBe("/r/test/b.test.ts");
  });

  it("lists through the newest API a Vitest has, down to 0.34's glob narrowed by source", async () => {
    const close = async () => {};
    const spec = { moduleId: "/r/a.test.ts" };
    expect(
      await relevantSpecs({
        close,
        getRelevantTestSpecifications: async () => [spec],
        listFiles: async () => [],
      }),
    ).toEqual([spec]);
    expect(await relevantSpecs({ close, listFiles: async () => [[{}, "/r/b.test.ts"]] })).toEqual([
      [{}, "/r/b.test.ts"],
    ]);
    const narrowed = await relevantSpecs({
      close,
      globTestFiles: async () => [
        [{}, "/r/a.test.ts"],
        [{}, "/r/c.test.ts"],
      ],
      filterTestsBySource: async (specs) => specs.filter((s) => specFile(s).endsWith("c.test.ts")),
    });
    expect(narrowed.map(specFile)).toEqual(["/r/c.test.ts"]);
    await expect(relevantSpecs({ close })).rejects.toThrow(/no way to list/);
  });
});
