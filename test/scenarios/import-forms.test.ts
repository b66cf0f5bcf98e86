import { afterAll, describe, expect, it } from "vitest";
import { confidence, edit, removeScenarioRoot, scenario, selected, skipped } from "./harness.js";

afterAll(removeScenarioRoot);

const UNRELATED = "test/unrelated.test.ts";

/** Each fixture holds one dependent test and `test/unrelated.test.ts`: exactly the first runs. */
async function expectOnly(fixture: string, change: Record<string, string>, tests: string[]) {
  const { result } = await scenario(fixture, change);
  expect(result.mode).toBe("selective");
  expect(selected(result)).toEqual(tests);
  expect(skipped(result)).toEqual([UNRELATED]);
  return result;
}

describe.concurrent("import forms: the dependent test runs, an unrelated one is skipped", () => {
  it("named import", async () => {
    await expectOnly("named-import", edit("named-import", "src/greet.ts", "hello", "hi"), [
      "test/greet.test.ts",
    ]);
  });

  it("default import", async () => {
    await expectOnly("default-import", edit("default-import", "src/config.ts", "retries: 3", "retries: 5"), [
      "test/config.test.ts",
    ]);
  });

  it("namespace import", async () => {
    await expectOnly("namespace-import", edit("namespace-import", "src/math.ts", "a * b", "b * a"), [
      "test/math.test.ts",
    ]);
  });

  it("import type: a changed interface selects its type test", async () => {
    const change = edit("import-type", "src/user.ts", "name: string;", "name: string;\n  email: string;");
    const result = await expectOnly("import-type", change, ["test/user.test-d.ts"]);
    // A type test fails on a type change alone: it takes the changed name directly.
    expect(confidence(result, "test/user.test-d.ts")).toBeGreaterThan(0.9);
  });

  it("side-effect import", async () => {
    await expectOnly("side-effect-import", edit("side-effect-import", "src/polyfill.ts", "= 42", "= 43"), [
      "test/polyfill.test.ts",
    ]);
  });

  it("export { x as y } from: followed by name through the rename", async () => {
    await expectOnly("reexport-named", edit("reexport-named", "src/impl.ts", '","', '";"'), [
      "test/public.test.ts",
    ]);
  });

  it("export * from", async () => {
    await expectOnly("export-star", edit("export-star", "src/impl.ts", '"-"', '"_"'), ["test/slug.test.ts"]);
  });

  it("an added export * from hands out its target's names, not every name of the barrel", async () => {
    const line = (target: string) => ({
      "src/index.ts": `export * from "./impl";\nexport * from "${target}";\n`,
    });
    // `unrelated` is new in the barrel; the slug test takes only `slug` from it.
    const { result } = await scenario("export-star", line("./unrelated"));
    expect(selected(result)).toEqual([]);
    // A second `slug` makes the barrel's `slug` ambiguous: the test that imports it is affected.
    const shadow = { ...line("./extra"), "src/extra.ts": "export const slug = (s: string) => s;\n" };
    await expectOnly("export-star", shadow, ["test/slug.test.ts"]);
    // Loading the barrel now runs the target's top-level code.
    await expectOnly("export-star", line("./register"), ["test/slug.test.ts"]);
  });

  it("export type * from (TS 5.0 syntax tree-sitter reads as an ERROR node)", async () => {
    const change = edit(
      "export-type-star",
      "src/shapes.ts",
      "radius: number;",
      "radius: number;\n  unit: string;",
    );
    await expectOnly("export-type-star", change, ["test/shapes.test-d.ts"]);
  });

  it("import x = require()", async () => {
    await expectOnly("import-equals", edit("import-equals", "src/legacy.ts", '"old"', '"older"'), [
      "test/legacy.test.ts",
    ]);
  });

  it("require() in a .cjs test", async () => {
    await expectOnly("require-cjs", edit("require-cjs", "src/helper.cjs", "return 1", "return 2"), [
      "test/helper.test.cjs",
    ]);
  });

  it("dynamic import() with a literal", async () => {
    await expectOnly("dynamic-import", edit("dynamic-import", "src/lazy.ts", "7", "8"), [
      "test/lazy.test.ts",
    ]);
  });

  it("vi.mock of a module the test does not import", async () => {
    await expectOnly("vi-mock-path", edit("vi-mock-path", "src/db.ts", "[sql]", "[sql, sql]"), [
      "test/service.test.ts",
    ]);
  });

  it("/// <reference path>", async () => {
    const change = {
      "test/globals.d.ts": "declare const APP_VERSION: string;\ndeclare const APP_NAME: string;\n",
    };
    await expectOnly("reference-path", change, ["test/version.test.ts"]);
  });

  it("new URL('./x', import.meta.url)", async () => {
    await expectOnly("url-asset", { "test/data.bin": "version 2\n" }, ["test/data.test.ts"]);
  });

  it("new URL('./dir/', import.meta.url): a file in the folder a test reads changes", async () => {
    await expectOnly("url-folder", { "test/cases/two.json": '{"input": 3}\n' }, ["test/cases.test.ts"]);
    await expectOnly("url-folder", { "test/cases/three.json": '{"input": 4}\n' }, ["test/cases.test.ts"]);
  });

  it("import.meta.glob: a matched plugin changes", async () => {
    await expectOnly("meta-glob", { "src/plugins/beta.ts": 'export const name = "Beta";\n' }, [
      "test/registry.test.ts",
    ]);
  });

  it("import.meta.glob: a plugin is added under the pattern", async () => {
    await expectOnly("meta-glob", { "src/plugins/gamma.ts": 'export const name = "gamma";\n' }, [
      "test/registry.test.ts",
    ]);
  });

  it('directory specifier "../" meaning ../index.ts', async () => {
    const { result } = await scenario(
      "directory-specifier",
      edit("directory-specifier", "lib/index.ts", '"api"', '"API"'),
    );
    expect(selected(result)).toEqual(["lib/test/api.test.ts"]);
    expect(skipped(result)).toEqual(["lib/test/unrelated.test.ts"]);
  });
});
