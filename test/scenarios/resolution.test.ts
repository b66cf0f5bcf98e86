import { afterAll, describe, expect, it } from "vitest";
import { formatText } from "../../cli/format-text.js";
import { decision, edit, removeScenarioRoot, scenario, selected, skipped } from "./harness.js";

afterAll(removeScenarioRoot);

const testPaths = (result: { decisions: { test_path: string }[] }) =>
  result.decisions.map((d) => d.test_path).sort();

describe.concurrent("resolution rules: the dependent test runs, an unrelated one is skipped", () => {
  it("relative with extension probing (.tsx, .js)", async () => {
    const { result } = await scenario(
      "extension-probing",
      edit("extension-probing", "src/widget.tsx", '"widget"', '"W"'),
    );
    expect(selected(result)).toEqual(["test/widget.test.ts"]);
    expect(testPaths(result)).toEqual(["test/helper.test.ts", "test/widget.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("a .js specifier naming a .ts source", async () => {
    const { result } = await scenario(
      "js-specifier",
      edit("js-specifier", "src/clock.ts", "return 0", "return 1"),
    );
    expect(selected(result)).toEqual(["test/clock.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("index probing", async () => {
    // A change of what runs: an annotation edit alone selects nothing where types are stripped.
    const change = edit("index-probing", "src/store/index.ts", "new Map()", 'new Map([["k", "v"]])');
    const { result } = await scenario("index-probing", change);
    expect(selected(result)).toEqual(["test/store.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
  });

  it("tsconfig paths (@/*)", async () => {
    const { result } = await scenario(
      "tsconfig-paths",
      edit("tsconfig-paths", "src/cart.ts", "b, 0", "b, 1"),
    );
    expect(selected(result)).toEqual(["test/cart.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("tsconfig baseUrl", async () => {
    const change = edit("tsconfig-baseurl", "src/lib/money.ts", "Math.round", "Math.floor");
    const { result } = await scenario("tsconfig-baseurl", change);
    expect(selected(result)).toEqual(["test/money.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("tsconfig extends, the paths in the base config (JSONC: comments, trailing commas)", async () => {
    const { result } = await scenario(
      "tsconfig-extends",
      edit("tsconfig-extends", "src/auth.ts", "> 0", "> 1"),
    );
    expect(selected(result)).toEqual(["test/auth.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("per-package tsconfig in a monorepo: one alias, each package's own src", async () => {
    const change = edit("monorepo-tsconfig", "packages/web/src/util.ts", '"web"', '"WEB"');
    const { result } = await scenario("monorepo-tsconfig", change);
    expect(selected(result)).toEqual(["packages/web/test/util.test.ts"]);
    expect(testPaths(result)).toEqual(["packages/api/test/util.test.ts", "packages/web/test/util.test.ts"]);
  });

  it("a base a package's tsconfig extends, not named tsconfig*.json: that package's tests run", async () => {
    const change = edit(
      "monorepo-tsconfig",
      "config/web.json",
      '"useDefineForClassFields": true',
      '"useDefineForClassFields": false',
    );
    const { result } = await scenario("monorepo-tsconfig", change);
    expect(selected(result)).toEqual(["packages/web/test/util.test.ts"]);
    expect(skipped(result)).toEqual(["packages/api/test/util.test.ts"]);
    expect(decision(result, "packages/web/test/util.test.ts").reasons[0]).toContain(
      "config/web.json changed: extended by packages/web/tsconfig.json",
    );
  });

  it("package.json imports (#db)", async () => {
    const { result } = await scenario(
      "package-imports",
      edit("package-imports", "src/db.ts", '"db"', '"DB"'),
    );
    expect(selected(result)).toEqual(["test/db.test.ts"]);
    expect(skipped(result)).toEqual(["test/platform.test.ts", "test/unrelated.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("package.json imports with conditions: the target of every condition is a file the test may load", async () => {
    // Vitest in Node loads node.ts, Jest with jsdom browser.ts: a change to either keeps the test.
    for (const file of ["src/platform/node.ts", "src/platform/browser.ts"]) {
      const { result } = await scenario(
        "package-imports",
        edit("package-imports", file, "return", "return 'x' +"),
      );
      expect(selected(result), file).toEqual(["test/platform.test.ts"]);
      expect(skipped(result), file).toEqual(["test/db.test.ts", "test/unrelated.test.ts"]);
    }
  });

  it("package exports subpaths: ./dist/*.js mapped back to src/*.ts", async () => {
    const change = edit("package-exports", "packages/kit/src/button.ts", "<button>", "<button type=button>");
    const { result } = await scenario("package-exports", change);
    expect(selected(result)).toEqual(["packages/app/test/button.test.ts"]);
    expect(skipped(result)).toEqual(["packages/app/test/input.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("npm workspaces: @acme/core from another package resolves to its source", async () => {
    const change = edit("npm-workspaces", "packages/core/src/index.ts", '"core"', '"CORE"');
    const { result } = await scenario("npm-workspaces", change);
    expect(selected(result)).toEqual(["packages/app/test/app.test.ts"]);
    expect(testPaths(result)).toEqual(["packages/app/test/app.test.ts", "packages/other/test/other.test.ts"]);
  });

  it("pnpm-workspace.yaml workspaces", async () => {
    const { result } = await scenario(
      "pnpm-workspaces",
      edit("pnpm-workspaces", "libs/log/src/index.ts", "[log]", "[LOG]"),
    );
    expect(selected(result)).toEqual(["libs/web/test/web.test.ts"]);
    expect(testPaths(result)).toEqual(["libs/cli/test/cli.test.ts", "libs/web/test/web.test.ts"]);
  });

  it("external packages and built-ins are not errors", async () => {
    const change = edit("external-packages", "src/fetcher.ts", "[readFileSync,", "[plugin, readFileSync,");
    const { result, graph } = await scenario("external-packages", change);
    expect(selected(result)).toEqual(["test/fetcher.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toEqual([]);
    expect(graph.nodes.get("src/fetcher.ts")?.unresolved).toEqual([]);
  });

  it("an unresolved relative import is a warning with file and line", async () => {
    const change = edit("unresolved-relative", "src/present.ts", "true", "false");
    const { result } = await scenario("unresolved-relative", change);
    expect(selected(result)).toEqual(["test/present.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "UNRESOLVED_IMPORT", file: "test/present.test.ts", line: 3 }),
    ]);
    expect(result.warnings[0]?.message).toContain("../src/missing");
  });
  it("a bare import no package.json declares is unresolved: a warning, and its importer's tests are kept", async () => {
    const change = edit("undeclared-package", "src/unrelated.ts", "42", "43");
    const { result, graph } = await scenario("undeclared-package", change);
    expect(selected(result)).toEqual(["test/feature.test.ts", "test/unrelated.test.ts"]);
    // Built-ins, subpaths of declared packages, @types, workspace names, #imports, self-references.
    expect(skipped(result)).toEqual(["test/declared.test.ts"]);
    expect(graph.nodes.get("src/declared.ts")?.unresolved).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "UNRESOLVED_IMPORT", file: "src/feature.ts", line: 1 }),
    ]);
    expect(result.warnings[0]?.message).toContain("not-declared-anywhere");
    expect(decision(result, "test/feature.test.ts").reasons.join(" ")).toContain("src/feature.ts:1");
    expect(formatText(result)).toContain('src/feature.ts:1: cannot resolve "not-declared-anywhere"');
  });
});
