import { afterAll, describe, expect, it } from "vitest";
import { decision, edit, removeScenarioRoot, scenario, selected } from "./harness.js";

afterAll(removeScenarioRoot);

describe.concurrent("names read from a module loaded at run time", () => {
  it("import() inside a function: member reads, .then callbacks, destructuring, whole uses", async () => {
    const { result } = await scenario(
      "dynamic-use",
      edit("dynamic-use", "src/lazy.ts", "lazy = 1", "lazy = 5"),
    );
    expect(result.mode).toBe("selective");
    // loadOther reads only `other`, which did not change.
    expect(selected(result)).toEqual([
      "test/load.test.ts",
      "test/loadPicked.test.ts",
      "test/loadThen.test.ts",
      "test/loadWhole.test.ts",
    ]);
  });

  it("a change to a name no function reads selects only the whole-namespace user", async () => {
    const { result } = await scenario(
      "dynamic-use",
      edit("dynamic-use", "src/lazy.ts", "other = 2", "other = 3"),
    );
    expect(selected(result)).toEqual(["test/loadOther.test.ts", "test/loadWhole.test.ts"]);
  });
});

describe.concurrent("specifiers built at run time", () => {
  it("a template literal resolves to every file its pattern matches", async () => {
    const change = edit("computed-import", "src/locales/fr.ts", '"bonjour"', '"salut"');
    const { result } = await scenario("computed-import", change);
    expect(selected(result)).toEqual(["test/greet.test.ts", "test/plugins.test.ts"]);
  });

  it("a concatenation with a .js extension matches the .ts sources", async () => {
    const change = edit("computed-import", "src/locales/fr.ts", '"au revoir"', '"salut"');
    const { result } = await scenario("computed-import", change);
    expect(selected(result)).toEqual(["test/farewell.test.ts", "test/plugins.test.ts"]);
  });

  it("a specifier with no static part keeps its importer's tests, with a warning naming file and line", async () => {
    const { result } = await scenario(
      "computed-import",
      edit("computed-import", "src/unrelated.ts", "42", "43"),
    );
    expect(selected(result)).toEqual(["test/plugins.test.ts", "test/unrelated.test.ts"]);
    expect(decision(result, "test/plugins.test.ts").reasons.join(" ")).toMatch(/src\/plugins\.ts:2/);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "COMPUTED_IMPORT", file: "src/plugins.ts", line: 2 }),
    );
  });
});

describe.concurrent("import.meta.glob", () => {
  it("with a type argument and options", async () => {
    const { result } = await scenario("typed-glob", {
      "src/plugins/beta.ts": 'export const name = "Beta";\n',
    });
    expect(selected(result)).toEqual(["test/registry.test.ts"]);
  });
});

describe.concurrent("a source read as text", () => {
  it("?raw: a comment-only edit changes what the test reads", async () => {
    const change = edit("raw-import", "src/template.ts", "start page", "home page");
    const { result } = await scenario("raw-import", change);
    expect(selected(result)).toEqual(["test/source.test.ts", "test/sources.test.ts"]);
  });
});

describe.concurrent("import.meta.glob options", () => {
  it("a negative pattern leaves its files out", async () => {
    const beta = await scenario("glob-negative", { "src/plugins/beta.ts": 'export const name = "Beta";\n' });
    expect(selected(beta.result)).toEqual([]);
    const alpha = await scenario("glob-negative", {
      "src/plugins/alpha.ts": 'export const name = "Alpha";\n',
    });
    expect(selected(alpha.result)).toEqual(["test/registry.test.ts"]);
  });
});
