import { afterAll, describe, expect, it } from "vitest";
import { decision, removeScenarioRoot, scenario, selected } from "./harness.js";

afterAll(removeScenarioRoot);

/** test/fixtures/build-output: see its README for what each test runs. */
describe.concurrent("tests that run build output no commit holds", () => {
  it("keeps a test that runs a bin or a package script whose file is not tracked, with a warning at its line", async () => {
    const { result } = await scenario("build-output", { "src/cli.ts": 'console.log("changed");\n' });
    expect(selected(result)).toEqual(["test/bin.test.ts", "test/script.test.ts"]);
    expect(decision(result, "test/bin.test.ts").reasons.join(" ")).toMatch(
      /test\/bin\.test\.ts:5 runs "mycli"/,
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: "UNRESOLVED_IMPORT",
        file: "test/bin.test.ts",
        line: 5,
        message: expect.stringContaining('the bin "mycli" of package.json, ./dist/cli.js'),
      }),
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: "UNRESOLVED_IMPORT",
        file: "test/script.test.ts",
        line: 5,
        message: expect.stringContaining("runs a script no commit holds"),
      }),
    );
  });
});
