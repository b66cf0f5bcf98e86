import { afterAll, describe, expect, it } from "vitest";
import { edit, removeScenarioRoot, scenario, selected, skipped } from "./harness.js";

afterAll(removeScenarioRoot);

describe("ambient declarations", () => {
  it("a global .d.ts nobody imports selects every test its tsconfig covers", async () => {
    const { result } = await scenario(
      "ambient-globals",
      edit("ambient-globals", "src/globals.d.ts", "appVersion: string;", "appVersion: number;"),
    );
    expect(selected(result)).toEqual(["test/version.test.ts"]);
    expect(skipped(result)).toEqual(["packages/other/test/other.test.ts"]);
    const reason = result.decisions.find((d) => d.test_path === "test/version.test.ts")?.reasons[0];
    expect(reason).toContain("ambient declarations");
  });

  it("a script .d.ts (no import or export) is ambient too", async () => {
    const { result } = await scenario(
      "ambient-globals",
      edit("ambient-globals", "src/legacy.d.ts", "debug: boolean;", "debug: number;"),
    );
    expect(selected(result)).toEqual(["test/version.test.ts"]);
  });

  it("a module .d.ts nobody imports, typing no imported JavaScript file, selects nothing", async () => {
    const { result } = await scenario(
      "ambient-globals",
      edit("ambient-globals", "src/api.snapshot.d.ts", "(): string", "(): number"),
    );
    expect(selected(result)).toEqual([]);
  });

  it("a module .d.ts typing an imported JavaScript file beside it is not taken as inert", async () => {
    const { result } = await scenario(
      "ambient-globals",
      edit("ambient-globals", "src/typed.d.ts", "() => number", "() => string"),
    );
    expect(selected(result)).toEqual(["test/version.test.ts"]);
  });

  it("a generated module .d.ts tree-sitter only partly parses is still inert", async () => {
    const { result } = await scenario(
      "ambient-globals",
      edit("ambient-globals", "src/api-generated.snapshot.d.ts", "revision: number", "revision: string"),
    );
    expect(selected(result)).toEqual([]);
  });

  it("a module .d.ts that augments another module is ambient", async () => {
    const { result } = await scenario(
      "ambient-globals",
      edit("ambient-globals", "src/augment.d.ts", "verbose: boolean", "verbose: string"),
    );
    expect(selected(result)).toEqual(["test/version.test.ts"]);
  });

  it("a .ts file nobody imports that augments a package is ambient", async () => {
    const { result } = await scenario(
      "ambient-globals",
      edit("ambient-globals", "src/plugin-types.ts", "$version: string", "$version: number"),
    );
    expect(selected(result)).toEqual(["test/version.test.ts"]);
    expect(skipped(result)).toEqual(["packages/other/test/other.test.ts"]);
  });

  it("a .ts file nobody imports that augments a repository module reaches that module's loaders only", async () => {
    const { result } = await scenario(
      "ambient-globals",
      edit("ambient-globals", "src/options-extra.ts", "color: string", "color: number"),
    );
    // No test loads ./options, and no type checker reads them: nothing runs.
    expect(selected(result)).toEqual([]);
  });
});
