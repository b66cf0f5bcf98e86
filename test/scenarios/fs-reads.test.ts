import { afterAll, describe, expect, it } from "vitest";
import { decision, removeScenarioRoot, scenario, selected } from "./harness.js";

afterAll(removeScenarioRoot);

/**
 * test/fixtures/fs-reads: tests that read files with fs. prefix.test.ts reads through a helper
 * that joins __dirname, "fixtures" and a name; unknown.test.ts through one that reads any path it
 * is given (so both load an unknown read); cwd.test.ts a root-relative path; promises.test.ts a
 * template under fixtures/cases/; listing.test.cjs lists fixtures/cases/; tmp.test.ts only reads
 * what it wrote under the temp folder.
 */
describe.concurrent("files tests read with fs", () => {
  it("a changed file a test names keeps that test", async () => {
    const { result } = await scenario("fs-reads", { "test/d.txt": "changed\n" });
    expect(decision(result, "test/cwd.test.ts").reasons.join(" ")).toMatch(
      /test\/cwd\.test\.ts:3 reads test\/d\.txt/,
    );
    expect(selected(result)).toContain("test/cwd.test.ts");
    expect(selected(result)).not.toContain("test/tmp.test.ts");
  });

  it("a file under a folder read by a run-time name keeps every reader of that folder", async () => {
    const { result } = await scenario("fs-reads", { "test/fixtures/cases/one.json": "changed\n" });
    expect(selected(result)).toEqual([
      "test/listing.test.cjs",
      "test/prefix.test.ts",
      "test/promises.test.ts",
      "test/unknown.test.ts",
    ]);
  });

  it("a deleted file a test reads keeps that test; a module nothing imports or names keeps none", async () => {
    const deleted = await scenario("fs-reads", { "test/d.txt": null });
    expect(selected(deleted.result)).toEqual(["test/cwd.test.ts"]);
    const imported = await scenario("fs-reads", { "test/unused-module.ts": "export const answer = 43;\n" });
    expect(selected(imported.result)).toEqual([]);
  });

  it("a file added or deleted under a fast-glob pattern keeps the test that lists it, with the pattern's line", async () => {
    // prefix.test.ts reads any file under fixtures/, and unknown.test.ts names "fixtures": both are kept too.
    const added = await scenario("fs-reads", { "test/fixtures/globbed/deep/b.json": "{}\n" });
    expect(selected(added.result)).toContain("test/glob.test.ts");
    expect(decision(added.result, "test/glob.test.ts").reasons.join(" ")).toMatch(
      /test\/glob\.test\.ts:5 reads test\/fixtures\/globbed\/deep\/b\.json, which changed/,
    );
    const deleted = await scenario("fs-reads", { "test/fixtures/globbed/a.json": null });
    expect(decision(deleted.result, "test/glob.test.ts").reasons.join(" ")).toMatch(
      /test\/glob\.test\.ts:5 reads test\/fixtures\/globbed\/a\.json, which changed/,
    );
  });

  // The soundness suite runs every case from one folder, so it cannot show a package run alone.
  it("a path read relative to the process keeps its reader when a package runs its tests from its own folder", async () => {
    const { result } = await scenario("package-cwd-reads", {
      "packages/app/fixtures/a.json": '{ "ok": false }\n',
    });
    expect(selected(result)).toEqual(["packages/app/test/a.test.ts"]);
    expect(decision(result, "packages/app/test/a.test.ts").reasons.join(" ")).toMatch(
      /packages\/app\/test\/a\.test\.ts:5 reads packages\/app\/fixtures\/a\.json, which changed/,
    );
  });

  it("a file added to a listed folder keeps the test that lists it", async () => {
    const { result } = await scenario("fs-reads", { "test/fixtures/cases/two.json": "{}\n" });
    expect(selected(result)).toContain("test/listing.test.cjs");
  });

  it("a data file no import reaches keeps the loaders of an unknown read that name it, with a warning at the read", async () => {
    const { result } = await scenario("fs-reads", { "test/data/c.txt": "changed\n" });
    // prefix.test.ts loads the same helper, but neither it nor what it loads names c.txt or data/.
    expect(selected(result)).toEqual(["test/unknown.test.ts"]);
    expect(decision(result, "test/unknown.test.ts").reasons.join(" ")).toMatch(
      /test\/helpers\.ts:4, which reads a path built at run time \(`p`\), and test\/unknown\.test\.ts:4 names test\/data\/c\.txt/,
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "COMPUTED_READ", file: "test/helpers.ts", line: 4 }),
    );
  });

  it("a changed file nothing names, or a changed test, keeps no reader", async () => {
    const changes: Record<string, string>[] = [
      { "README.md": "# changed\n" },
      { "test/unused-module.ts": "export const answer = 43;\n" },
      {
        "test/other.test.ts": 'import { expect, test } from "vitest";\ntest("x", () => expect(2).toBe(2));\n',
      },
    ];
    for (const change of changes) {
      const { result } = await scenario("fs-reads", change);
      expect(selected(result), Object.keys(change)[0]).toEqual(
        "test/other.test.ts" in change ? ["test/other.test.ts"] : [],
      );
      expect(result.warnings.filter((w) => w.code === "COMPUTED_READ")).toEqual([]);
    }
  });
});
