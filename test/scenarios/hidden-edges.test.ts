import { afterAll, describe, expect, it } from "vitest";
import { decision, edit, fixtureText, removeScenarioRoot, scenario, selected, skipped } from "./harness.js";

afterAll(removeScenarioRoot);

describe.concurrent("what imports don't show", () => {
  it("a JSON import", async () => {
    const { result } = await scenario("json-import", { "src/settings.json": '{ "retries": 4 }\n' });
    expect(selected(result)).toEqual(["test/settings.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
  });

  it("a CSS import", async () => {
    const { result } = await scenario("asset-import", { "src/button.css": ".button {\n  color: blue;\n}\n" });
    expect(selected(result)).toEqual(["test/button.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
  });

  it("an SVG import", async () => {
    const { result } = await scenario("asset-import", {
      "src/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"></svg>\n',
    });
    expect(selected(result)).toEqual(["test/button.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
  });

  it("a snapshot selects its own test only, not another importer of the same code", async () => {
    const { result } = await scenario("snapshot", {
      "test/__snapshots__/a.test.ts.snap":
        '// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html\n\nexports[`formats 1`] = `"1.000"`;\n',
    });
    expect(selected(result)).toEqual(["test/a.test.ts"]);
    expect(skipped(result)).toEqual(["test/b.test.ts"]);
  });

  it("a __mocks__ file selects the tests that use the module it mocks", async () => {
    const { result } = await scenario(
      "mocks-dir",
      edit("mocks-dir", "src/__mocks__/api.ts", "{ id }", '{ id: "mock" }'),
    );
    expect(selected(result)).toEqual(["test/api.test.ts"]);
    expect(skipped(result)).toEqual(["test/http.test.ts", "test/unrelated.test.ts"]);
  });

  it("a root __mocks__ file for a package selects the tests that import the package", async () => {
    const { result } = await scenario(
      "mocks-dir",
      edit("mocks-dir", "__mocks__/axios.ts", "data: {}", "data: null"),
    );
    expect(selected(result)).toEqual(["test/http.test.ts"]);
    expect(skipped(result)).toEqual(["test/api.test.ts", "test/unrelated.test.ts"]);
  });

  it("a setupFiles file selects every test of its project, not a nested project's", async () => {
    const { result } = await scenario("runner-projects", {
      "test/setup.ts":
        'import { beforeEach } from "vitest";\n\nbeforeEach(() => {\n  process.env.TZ = "Etc/UTC";\n});\n',
    });
    expect(result.mode).toBe("selective");
    expect(selected(result)).toEqual(["test/a.test.ts", "test/b.test.ts"]);
    expect(skipped(result)).toEqual(["packages/ui/test/button.test.ts"]);
  });

  it("test files named by the runner's include globs, not our defaults, are discovered and selected", async () => {
    const { result } = await scenario("runner-include", {
      "pkg/src/add.ts": "export function add(a: number, b: number): number {\n  return b + a;\n}\n",
    });
    expect(selected(result)).toEqual(["pkg/src/add.test-prop.ts", "pkg/src/add.test.ts"]);
    expect(skipped(result)).toEqual(["pkg/src/sub.test-prop.ts"]);
  });

  it("a nested project's setup file selects that project's tests", async () => {
    const { result } = await scenario("runner-projects", {
      "packages/ui/setup-dom.ts": 'document.body.innerHTML = "<main id=app></main>";\n',
    });
    expect(selected(result)).toEqual(["packages/ui/test/button.test.ts"]);
    expect(skipped(result)).toEqual(["test/a.test.ts", "test/b.test.ts"]);
  });

  it("a nested project's config change selects only that project's tests", async () => {
    const config = fixtureText("runner-projects", "packages/ui/vitest.config.ts");
    const { result } = await scenario("runner-projects", {
      "packages/ui/vitest.config.ts": config.replace('"jsdom"', '"happy-dom"'),
    });
    expect(result.mode).toBe("selective");
    expect(selected(result)).toEqual(["packages/ui/test/button.test.ts"]);
    expect(skipped(result)).toEqual(["test/a.test.ts", "test/b.test.ts"]);
  });

  it("a root vitest.config.ts change runs everything", async () => {
    const config = fixtureText("runner-projects", "vitest.config.ts");
    const { result } = await scenario("runner-projects", {
      "vitest.config.ts": config.replace("setupFiles", 'environment: "node",\n    setupFiles'),
    });
    expect(result.mode).toBe("full");
    expect(result.full_reason).toContain("vitest.config.ts");
    expect(result.tests_selected).toBe(result.tests_total);
  });

  it("a lockfile bump selects only the tests of the workspace that depends on the package", async () => {
    const lock = fixtureText("lockfile", "package-lock.json");
    const bumped = lock
      .replace('"version": "1.3.0"', '"version": "1.3.1"')
      .replace("left-pad-1.3.0.tgz", "left-pad-1.3.1.tgz");
    expect(bumped).not.toBe(lock);
    const { result } = await scenario("lockfile", { "package-lock.json": bumped });
    expect(result.mode).toBe("selective");
    expect(selected(result)).toEqual(["packages/a/test/a.test.ts"]);
    expect(skipped(result)).toEqual(["packages/b/test/b.test.ts"]);
    expect(decision(result, "packages/a/test/a.test.ts").reasons.join(" ")).toContain("left-pad");
  });

  it("a dependency range bump with its lockfile change selects only the workspace the lockfile names", async () => {
    const lock = fixtureText("lockfile", "package-lock.json")
      .replace('"version": "1.3.0"', '"version": "1.3.1"')
      .replace("left-pad-1.3.0.tgz", "left-pad-1.3.1.tgz");
    const { result } = await scenario("lockfile", {
      "package-lock.json": lock,
      "packages/a/package.json": edit("lockfile", "packages/a/package.json", "^1.3.0", "^1.3.1")[
        "packages/a/package.json"
      ]!,
      "package.json": edit(
        "lockfile",
        "package.json",
        '"private": true',
        '"private": true, "description": "x"',
      )["package.json"]!,
    });
    expect(result.mode).toBe("selective");
    expect(selected(result)).toEqual(["packages/a/test/a.test.ts"]);
    expect(skipped(result)).toEqual(["packages/b/test/b.test.ts"]);
  });

  it("a package.json change beyond metadata and dependencies selects the whole workspace", async () => {
    const { result } = await scenario(
      "lockfile",
      edit(
        "lockfile",
        "packages/b/package.json",
        '"version": "1.0.0"',
        '"version": "1.0.0", "type": "module"',
      ),
    );
    expect(result.mode).toBe("selective");
    expect(selected(result)).toEqual(["packages/b/test/b.test.ts"]);
    expect(decision(result, "packages/b/test/b.test.ts").reasons.join(" ")).toContain("(type)");
  });

  it("a dependency range change without a lockfile change still selects the workspace", async () => {
    const { result } = await scenario(
      "lockfile",
      edit("lockfile", "packages/a/package.json", "^1.3.0", "^1.3.1"),
    );
    expect(selected(result)).toEqual(["packages/a/test/a.test.ts"]);
  });

  it("a module a Vue component's script imports selects the tests that render the component", async () => {
    const { result } = await scenario(
      "vue-component",
      edit("vue-component", "src/use-mouse.ts", "event.pageX", "event.clientX"),
    );
    expect(selected(result)).toEqual(["test/demo.browser.test.ts"]);
    expect(skipped(result)).toEqual(["test/format.test.ts", "test/panel.browser.test.ts"]);
  });

  it("a change to a Vue component's template alone selects the tests that render it", async () => {
    const { result } = await scenario(
      "vue-component",
      edit("vue-component", "src/Demo.vue", "<p>x: {{ x }}</p>", "<p>x = {{ x }}</p>"),
    );
    expect(selected(result)).toEqual(["test/demo.browser.test.ts"]);
    expect(skipped(result)).toEqual(["test/format.test.ts", "test/panel.browser.test.ts"]);
  });

  it("a Vue component's blocks given by src (script, template, style) are files its tests load", async () => {
    for (const [file, from, to] of [
      ["src/panel.ts", '"Panel"', '"Side panel"'],
      ["src/panel.html", "<h2>", "<h3>"],
      ["src/panel.css", "margin: 0", "margin: 1px"],
    ] as const) {
      const { result } = await scenario("vue-component", edit("vue-component", file, from, to));
      expect(selected(result), file).toEqual(["test/panel.browser.test.ts"]);
      expect(skipped(result), file).toEqual(["test/demo.browser.test.ts", "test/format.test.ts"]);
    }
  });

  it("a deleted source file selects the tests that imported it at base", async () => {
    const { result } = await scenario("deleted-file", { "src/old.ts": null });
    expect(selected(result)).toEqual(["test/old.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
  });

  it("a renamed source file, its importer updated, selects its tests", async () => {
    const feature = fixtureText("renamed-file", "src/feature.ts");
    const { result } = await scenario(
      "renamed-file",
      { "src/feature.ts": feature.replace('"./before"', '"./after"') },
      { renames: [["src/before.ts", "src/after.ts"]] },
    );
    expect(result.changed_files).toContainEqual(
      expect.objectContaining({ path: "src/after.ts", status: "renamed", old_path: "src/before.ts" }),
    );
    expect(selected(result)).toEqual(["test/feature.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
  });

  it("a renamed source file whose content changed too selects its tests", async () => {
    const before = fixtureText("renamed-file", "src/before.ts");
    const feature = fixtureText("renamed-file", "src/feature.ts");
    const { result } = await scenario(
      "renamed-file",
      {
        "src/after.ts": before.replace("sum * 2", "sum * 3"),
        "src/feature.ts": feature.replace('"./before"', '"./after"'),
      },
      { renames: [["src/before.ts", "src/after.ts"]] },
    );
    expect(selected(result)).toEqual(["test/feature.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
  });

  it("tsconfig jsxImportSource naming a workspace package: its jsx-runtime selects the .tsx tests", async () => {
    const change = edit("jsx-import-source", "packages/jsx/src/jsx-runtime.ts", '.join(" ")', '.join(",")');
    const { result } = await scenario("jsx-import-source", change);
    expect(selected(result)).toEqual(["test/view.test.tsx"]);
    expect(skipped(result)).toEqual(["test/logic.test.ts"]);
  });

  it("an import written inside a template literal is a weak edge", async () => {
    const { result } = await scenario("template-import", {
      "src/index.ts": "export function x(): number {\n  return 2;\n}\n",
    });
    expect(selected(result)).toEqual(["test/compile.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(decision(result, "test/compile.test.ts").reasons.join(" ")).toContain("weak");
  });
});
