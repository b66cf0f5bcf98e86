import { afterAll, describe, expect, it } from "vitest";
import { formatText } from "../../cli/format-text.js";
import { decision, edit, removeScenarioRoot, scenario, selected, skipped } from "./harness.js";

afterAll(removeScenarioRoot);

const ADD_CHANGED = ["src/math.ts", "return a + b;", "return b + a + 0;"] as const;

describe.concurrent("what the runner's config says: aliases, setup files, environments", () => {
  it("a vite resolve.alias object rooted at the project (`'@': '/src'`)", async () => {
    const { result } = await scenario("runner-alias", edit("runner-alias", ...ADD_CHANGED));
    expect(selected(result)).toEqual(["test/math.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("a vitest test.alias array built with fileURLToPath(new URL(…, import.meta.url))", async () => {
    const { result } = await scenario("runner-alias-array", edit("runner-alias-array", ...ADD_CHANGED));
    expect(selected(result)).toEqual(["test/math.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("a vite.config alias through a const of path.resolve(__dirname) and a template literal", async () => {
    const math = await scenario("runner-alias-path", edit("runner-alias-path", ...ADD_CHANGED));
    expect(selected(math.result)).toEqual(["test/math.test.ts"]);
    expect(skipped(math.result)).toEqual(["test/format.test.ts", "test/unrelated.test.ts"]);
    const format = await scenario(
      "runner-alias-path",
      edit("runner-alias-path", "src/lib/format.ts", "toFixed(1)", "toFixed(2)"),
    );
    expect(selected(format.result)).toEqual(["test/format.test.ts"]);
    expect(format.result.warnings).toEqual([]);
  });

  // Found by the mutation evaluation (docs/evaluation.md, Hexmon/access-control): an alias value that
  // calls a local helper around path.resolve was unreadable, so every importer of an aliased package
  // was unresolved and its tests kept (81.5% of the suite per mutant, 13.8% before the alias reading).
  // The config's own one-expression functions are evaluated now (static-value.ts).
  it("a vitest alias whose values call a local helper around path.resolve (workspaceSrc('core'))", async () => {
    const { result } = await scenario(
      "runner-alias-helper",
      edit("runner-alias-helper", "packages/core/src/index.ts", "return a + b;", "return b + a + 0;"),
    );
    expect(selected(result)).toEqual(["packages/core/test/add.test.ts"]);
    expect(skipped(result)).toEqual(["packages/util/test/fmt.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("jest moduleNameMapper: regex keys, $1, <rootDir> and path.join(__dirname)", async () => {
    const math = await scenario(
      "jest-module-mapper",
      edit("jest-module-mapper", "src/math.js", "return a + b;", "return b + a + 0;"),
    );
    expect(selected(math.result)).toEqual(["test/math.test.js"]);
    expect(skipped(math.result)).toEqual(["test/format.test.js", "test/unrelated.test.js"]);
    const format = await scenario(
      "jest-module-mapper",
      edit("jest-module-mapper", "src/lib/format.js", "toFixed(1)", "toFixed(2)"),
    );
    expect(selected(format.result)).toEqual(["test/format.test.js"]);
    expect(format.result.warnings).toEqual([]);
  });

  it("jest moduleDirectories (a folder looked for upwards) and modulePaths (<rootDir>/shared)", async () => {
    const math = await scenario(
      "jest-module-dirs",
      edit("jest-module-dirs", "src/utils/math.js", "return a + b;", "return b + a + 0;"),
    );
    expect(selected(math.result)).toEqual(["test/math.test.js"]);
    expect(skipped(math.result)).toEqual(["test/unrelated.test.js"]);
    expect(math.result.warnings).toEqual([]);
    const format = await scenario(
      "jest-module-dirs",
      edit("jest-module-dirs", "shared/format.js", "toFixed(1)", "toFixed(2)"),
    );
    expect(selected(format.result)).toEqual(["test/math.test.js"]);
  });

  it("jest setupFilesAfterEnv through path.resolve(__dirname, …) selects every test", async () => {
    const { result } = await scenario("jest-module-mapper", {
      "test/setup.js": 'process.env.TZ = "Europe/Paris";\n',
    });
    expect(selected(result)).toEqual(["test/format.test.js", "test/math.test.js", "test/unrelated.test.js"]);
  });

  it("jest in package.json: an array of mapper targets, a custom testEnvironment, globalSetup", async () => {
    const math = await scenario(
      "jest-package-json",
      edit("jest-package-json", "src/math.js", "return a + b;", "return b + a + 0;"),
    );
    expect(selected(math.result)).toEqual(["test/math.test.js"]);
    expect(skipped(math.result)).toEqual(["test/unrelated.test.js"]);
    expect(math.result.warnings).toEqual([]);
    const environment = await scenario(
      "jest-package-json",
      edit(
        "jest-package-json",
        "test/environment.js",
        "{}",
        "{\n  teardown() {\n    return super.teardown();\n  }\n}",
      ),
    );
    expect(selected(environment.result)).toEqual(["test/math.test.js", "test/unrelated.test.js"]);
  });

  it("setupFiles: [resolve(__dirname, …)] and a template of import.meta.dirname give the setup edge", async () => {
    const setup = await scenario("runner-setup-resolve", {
      "test/setup.ts": 'process.env.GREETING = "hi";\n',
    });
    expect(selected(setup.result)).toEqual(["test/greeting.test.ts", "test/unrelated.test.ts"]);
    expect(skipped(setup.result)).toEqual(["packages/other/test/other.test.ts"]);
    expect(setup.result.warnings).toEqual([]);
    const global = await scenario(
      "runner-setup-resolve",
      edit("runner-setup-resolve", "test/global-setup.ts", '"UTC"', '"Etc/UTC"'),
    );
    expect(selected(global.result)).toEqual(["test/greeting.test.ts", "test/unrelated.test.ts"]);
  });

  it("vitest test.projects given inline, each with its root, aliases and setup files", async () => {
    const web = await scenario(
      "runner-inline-projects",
      edit("runner-inline-projects", "packages/web/src/math.ts", "a + b", "b + a + 0"),
    );
    expect(selected(web.result)).toEqual(["packages/web/test/math.test.ts"]);
    expect(skipped(web.result)).toEqual(["packages/api/test/math.test.ts"]);
    expect(web.result.warnings).toEqual([]);
    const api = await scenario(
      "runner-inline-projects",
      edit("runner-inline-projects", "packages/api/lib/math.ts", "a + b", "b + a + 0"),
    );
    expect(selected(api.result)).toEqual(["packages/api/test/math.test.ts"]);
    const setup = await scenario("runner-inline-projects", {
      "packages/web/test/setup.ts": 'process.env.GREETING = "hi";\n',
    });
    expect(selected(setup.result)).toEqual(["packages/web/test/math.test.ts"]);
  });

  it("a vitest.config that merges vite.config: the aliases and setup files of both apply", async () => {
    const math = await scenario("runner-merge-config", edit("runner-merge-config", ...ADD_CHANGED));
    expect(selected(math.result)).toEqual(["test/math.test.ts"]);
    expect(skipped(math.result)).toEqual(["test/unrelated.test.ts"]);
    expect(math.result.warnings).toEqual([]);
    const setup = await scenario("runner-merge-config", { "test/setup.ts": 'process.env.TZ = "Etc/UTC";\n' });
    expect(selected(setup.result)).toEqual(["test/math.test.ts", "test/unrelated.test.ts"]);
  });

  it("a setupFiles value that cannot be read keeps every test of the project, with a warning", async () => {
    const { result } = await scenario("runner-config-unreadable", {
      "test/unit-setup.ts": 'process.env.GREETING = "hi";\n',
    });
    expect(selected(result)).toEqual(["test/greeting.test.ts", "test/unrelated.test.ts"]);
    expect(skipped(result)).toEqual(["packages/other/test/other.test.ts"]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "RUNNER_CONFIG_UNREAD", file: "vitest.config.ts", line: 6 }),
    ]);
    expect(result.warnings[0]?.message).toContain("setupFiles");
    expect(decision(result, "test/unrelated.test.ts").reasons.join(" ")).toContain("vitest.config.ts:6");
    expect(formatText(result)).toContain(
      'vitest.config.ts:6: setupFiles: cannot read `setupFilesFor("unit")`',
    );
  });
});
