import { describe, expect, it } from "vitest";
import { decl, facts, graphOf, imp, literalResolver } from "../../../test/support/graph-fixtures.js";
import type { Resolver } from "../../resolve/types.js";
import { AUGMENTS, augmentationEdges, isImported, programWideDeclarations } from "./augmentation-edges.js";
import { jsxEdges } from "./jsx-edges.js";
import { mockEdges } from "./mock-edges.js";
import { setupEdges } from "./setup-edges.js";
import { snapshotEdges, snapshotOwners } from "./snapshot-edges.js";

const pairs = (edges: { from: string; to: string }[]) => edges.map((e) => [e.from, e.to]);

describe("edges the imports don't show", () => {
  it("a snapshot belongs to its test", () => {
    const paths = ["src/__snapshots__/a.test.ts.snap", "src/a.test.ts", "__snapshots__/orphan.test.ts.snap"];
    const has = (p: string) => paths.includes(p);
    expect(pairs(snapshotEdges(paths, has))).toEqual([["src/a.test.ts", "src/__snapshots__/a.test.ts.snap"]]);
  });

  it("a snapshot a resolver moved belongs to the tests of its name", () => {
    const tests = ["test/price.test.js", "other/price.test.js", "test/price.spec.ts", "test/tax.test.js"];
    const paths = [...tests, "snapshots/price.test.js.snap", "snap/tax.snap", "snapshots/gone.test.js.snap"];
    const has = (p: string) => paths.includes(p);
    expect(pairs(snapshotEdges(paths, has, tests))).toEqual([
      ["test/price.test.js", "snapshots/price.test.js.snap"],
      ["other/price.test.js", "snapshots/price.test.js.snap"],
      ["test/tax.test.js", "snap/tax.snap"],
    ]);
  });

  it("a snapshot whose name matches no test belongs to none (the selection keeps its project's tests)", () => {
    const tests = ["test/price.test.js"];
    const has = (p: string) => p === "test/price.test.js";
    expect(snapshotOwners("snapshots/price_test_js.snap", has, tests)).toEqual([]);
    expect(snapshotOwners("test/__snapshots__/price.test.js.snap", has, tests)).toEqual([
      "test/price.test.js",
    ]);
    expect(snapshotOwners("src/price.js", has, tests)).toBeUndefined();
  });

  it("a __mocks__ file stands in for its module, or for a package its importers use", () => {
    const paths = ["src/__mocks__/db.ts", "src/db.ts", "__mocks__/axios.ts", "__mocks__/@scope/pkg.ts"];
    const edges = mockEdges({
      paths,
      has: (p) => paths.includes(p),
      externalImports: new Map([
        ["test/api.test.ts", ["axios"]],
        ["test/other.test.ts", ["lodash", "@scope/pkg"]],
      ]),
    });
    expect(pairs(edges)).toEqual([
      ["src/db.ts", "src/__mocks__/db.ts"],
      ["test/api.test.ts", "__mocks__/axios.ts"],
      ["test/other.test.ts", "__mocks__/@scope/pkg.ts"],
    ]);
  });

  it("a package's mock in each project serves that project's files; one beside them serves all", () => {
    const paths = ["packages/a/__mocks__/ms.ts", "packages/b/__mocks__/ms.ts", "test/__mocks__/axios.ts"];
    const edges = mockEdges({
      paths,
      has: (p) => paths.includes(p),
      externalImports: new Map([
        ["packages/a/src/wait.ts", ["ms"]],
        ["packages/b/src/wait.ts", ["ms"]],
        ["src/api.ts", ["ms", "axios"]],
      ]),
    });
    expect(pairs(edges)).toEqual([
      ["packages/a/src/wait.ts", "packages/a/__mocks__/ms.ts"],
      ["packages/b/src/wait.ts", "packages/b/__mocks__/ms.ts"],
      ["src/api.ts", "packages/a/__mocks__/ms.ts"],
      ["src/api.ts", "packages/b/__mocks__/ms.ts"],
      ["src/api.ts", "test/__mocks__/axios.ts"],
    ]);
  });

  it("setup files belong to every test of the nearest project", () => {
    const edges = setupEdges(
      [
        { config: "vitest.config.ts", dir: "", setupFiles: ["test/setup.ts"] },
        {
          config: "packages/ui/vitest.config.ts",
          dir: "packages/ui",
          setupFiles: ["packages/ui/setup-dom.ts"],
        },
      ],
      ["test/a.test.ts", "packages/ui/b.test.ts"],
    );
    expect(pairs(edges)).toEqual([
      ["test/a.test.ts", "test/setup.ts"],
      ["packages/ui/b.test.ts", "packages/ui/setup-dom.ts"],
    ]);
  });

  it("setup files of every config of the nearest directory (vite.config beside vitest.config)", () => {
    const edges = setupEdges(
      [
        { config: "vite.config.ts", dir: "", setupFiles: ["test/vite-setup.ts"] },
        { config: "vitest.config.ts", dir: "", setupFiles: ["test/setup.ts"] },
        { config: "packages/ui/vitest.config.ts", dir: "packages/ui", setupFiles: [] },
      ],
      ["test/a.test.ts", "packages/ui/b.test.ts"],
    );
    expect(pairs(edges)).toEqual([
      ["test/a.test.ts", "test/vite-setup.ts"],
      ["test/a.test.ts", "test/setup.ts"],
    ]);
  });

  it("jsxImportSource makes JSX files import the runtime", () => {
    const resolver = {
      ...literalResolver,
      jsxSettingsFor: () => ({ jsx: "react-jsx", jsxImportSource: "packages/jsx" }),
    };
    expect(pairs(jsxEdges(["src/app.tsx", "src/app.ts"], resolver))).toEqual([
      ["src/app.tsx", "packages/jsx/jsx-runtime"],
    ]);
  });

  it("a module augmentation is a type-only edge from the augmented module, not an import", () => {
    const other = (name: string, start: number) =>
      decl(name, start, start + 2, { kind: "other", exportedAs: [] });
    const graph = graphOf({
      "src/region.ts": facts({
        declarations: [other("./src/settings.ts", 1), other("global", 4), other("vue", 7)],
      }),
      "src/settings.ts": facts(),
      "src/label.ts": facts({ imports: [imp("src/settings.ts", ["Settings"])] }),
    });
    // "vue" is a package: an augmentation of it makes no edge, and every file of the program sees it.
    const resolver: Resolver = {
      ...literalResolver,
      resolve: (specifier, from, kind) =>
        specifier === "vue"
          ? { kind: "external", packageName: "vue" }
          : literalResolver.resolve(specifier, from, kind),
    };
    const edges = augmentationEdges(graph.nodes.values(), resolver);
    expect(edges).toEqual([
      expect.objectContaining({
        from: "src/settings.ts",
        to: "src/region.ts",
        typeOnly: true,
        via: AUGMENTS,
      }),
    ]);
    const region = graph.nodes.get("src/region.ts")!;
    expect(programWideDeclarations(region, resolver)).toEqual(["global", "vue"]);
    region.importers.push(...edges);
    expect(isImported(region)).toBe(false);
    expect(isImported(graph.nodes.get("src/settings.ts"))).toBe(true);
  });
});
