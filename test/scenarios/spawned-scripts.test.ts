import { afterAll, describe, expect, it } from "vitest";
import { decision, removeScenarioRoot, scenario, selected } from "./harness.js";

afterAll(removeScenarioRoot);

/** test/fixtures/spawned-scripts: see its README for what each test runs. */
describe.concurrent("scripts tests run in child processes", () => {
  it("a change under a script keeps the test that runs it by a spelled path, and the helper's caller that names it", async () => {
    const { result } = await scenario("spawned-scripts", {
      "src/lib.mjs": 'export const greet = (name) => "Hi, " + name;\n',
    });
    expect(selected(result)).toEqual(["test/cli.test.ts", "test/fork.test.ts"]);
    expect(decision(result, "test/fork.test.ts").reasons.join(" ")).toMatch(/src\/cli\.mjs/);
    expect(decision(result, "test/cli.test.ts").reasons.join(" ")).toMatch(
      /test\/run\.ts:4, which runs a script whose path is built at run time \(`script`\), and test\/cli\.test\.ts:6 names src\/cli\.mjs, which loads src\/lib\.mjs/,
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "COMPUTED_IMPORT", file: "test/run.ts", line: 4 }),
    );
  });

  it("a helper's caller is kept by the script's name, and by its folders where it spells them", async () => {
    const { result } = await scenario("spawned-scripts", { "tools/cli.mjs": 'console.log("tools!");\n' });
    // cli.test.ts spells only "cli.mjs", which may be any cli.mjs; other.test.ts names no such script.
    expect(selected(result)).toEqual(["test/cli.test.ts", "test/tools.test.ts"]);
  });
});
