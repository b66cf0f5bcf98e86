import { describe, expect, it } from "vitest";
import { facts, graphOf, imp, literalResolver } from "../../test/support/graph-fixtures.js";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "../resolve/create-resolver.js";
import { babelSpelledFiles, configLoads, isLoadingConfig } from "./config-loads.js";

describe("configLoads: what a runner config loads besides itself", () => {
  const graph = graphOf({
    "vitest.config.ts": facts({
      imports: [
        imp("./plugins/exclaim.ts", ["exclaim"]),
        imp("./types.ts", ["Options"], { kind: "type", typeOnly: true }),
        imp("./docs/readme.md", [], { kind: "template" }),
        imp("./src/app.ts", [], { kind: "url" }),
      ],
    }),
    "plugins/exclaim.ts": facts({
      imports: [imp("./plugins/mark.ts", ["mark"]), imp("./vitest.config.ts", "*")],
    }),
    "plugins/mark.ts": facts(),
    "types.ts": facts(),
    "docs/readme.md": undefined,
    "src/app.ts": facts(),
  });

  it("follows imports transitively, not types, strings that look like paths, URLs, or the config itself", () => {
    expect([...configLoads(graph, "vitest.config.ts", []).keys()].sort()).toEqual([
      "plugins/exclaim.ts",
      "plugins/mark.ts",
    ]);
  });

  it("counts the files the config, or a module it loads, reads with fs: their content, not their imports, nor paths kept as option values", () => {
    const reading = graphOf({
      "app/vitest.config.ts": facts({
        imports: [
          imp("./app/config/settings.json", "*", { kind: "url", fsRead: true, line: 4 }),
          imp("./app/test/setup.ts", "*", { kind: "url", fsRead: true, spelledValue: true, line: 5 }),
          imp("./app/plugins/env.ts", ["env"]),
        ],
      }),
      "app/plugins/env.ts": facts({
        imports: [imp("./app/.env.json", "*", { kind: "url", fsRead: true, line: 2 })],
      }),
      "app/config/settings.json": undefined,
      "app/.env.json": undefined,
      "app/test/setup.ts": facts(),
    });
    expect(Object.fromEntries(configLoads(reading, "app/vitest.config.ts", []))).toEqual({
      "app/plugins/env.ts": "loaded",
      "app/config/settings.json": "read at app/vitest.config.ts:4",
      "app/.env.json": "read at app/plugins/env.ts:2",
    });
  });

  it("starts from the files a babel config names by path too", () => {
    expect([...configLoads(graph, "babel.config.js", ["src/app.ts"]).keys()]).toEqual(["src/app.ts"]);
  });
});

describe("babelSpelledFiles", () => {
  const resolver = createResolver(
    snapshotFromRecord({ "tools/exclaim.js": "", "tools/preset/index.js": "", "app/.babelrc": "" }),
  );

  it("resolves the relative paths a babel config spells, extensions and index probed", () => {
    const text = `module.exports = { presets: ["./tools/preset"], plugins: [["./tools/exclaim", {}], "babel-plugin-x", "./missing.js"] };`;
    expect(babelSpelledFiles("babel.config.js", text, resolver)).toEqual([
      "tools/preset/index.js",
      "tools/exclaim.js",
    ]);
    expect(babelSpelledFiles("app/.babelrc", `{ "plugins": ["../tools/exclaim.js"] }`, resolver)).toEqual([
      "tools/exclaim.js",
    ]);
  });

  it("reads nothing from runner configs: their relative strings are globs, aliases, setup files", () => {
    expect(
      babelSpelledFiles(
        "vitest.config.ts",
        `export default { alias: { "@": "./tools/exclaim" } }`,
        literalResolver,
      ),
    ).toEqual([]);
  });
});

describe("isLoadingConfig", () => {
  it("knows runner and babel configs, nested or not, and nothing else", () => {
    const yes = [
      "vitest.config.ts",
      "packages/a/vite.config.mts",
      "jest.config.cjs",
      "babel.config.js",
      "web/.babelrc.js",
      ".babelrc",
    ];
    expect(yes.filter(isLoadingConfig)).toEqual(yes);
    expect(["vitest.shared.ts", "src/vite.ts", ".nvmrc", "tsconfig.json"].filter(isLoadingConfig)).toEqual(
      [],
    );
  });
});
