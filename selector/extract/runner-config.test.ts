import { describe, expect, it } from "vitest";
import { extractJestFromPackageJson, extractRunnerConfig } from "./runner-config.js";

describe("extractRunnerConfig", () => {
  it("reads setup files, globs and root from a vitest config, skipping coverage globs", () => {
    const source = `import { defineConfig } from "vitest/config";
export default defineConfig({
  root: "./packages/app",
  test: {
    setupFiles: ["./test/setup.ts", "./test/dom.ts"],
    globalSetup: "./test/global-setup.ts",
    include: ["src/**/*.test.ts"],
    exclude: ["**/e2e/**"],
    environment: "jsdom",
    coverage: { include: ["src/**"], exclude: ["src/gen/**"] },
  },
  optimizeDeps: { include: ["lodash"] },
});`;
    expect(extractRunnerConfig("vitest.config.ts", source)).toEqual({
      setupFiles: ["./test/setup.ts", "./test/dom.ts", "./test/global-setup.ts"],
      include: ["src/**/*.test.ts"],
      exclude: ["**/e2e/**"],
      typeChecks: false,
      aliases: [],
      unread: [],
      projects: [],
      root: "./packages/app",
    });
  });

  it("reads vitest projects given inline", () => {
    const source = `export default { test: { projects: ["packages/*", { test: { name: "x", setupFiles: "./x.ts" } }] } };`;
    expect(extractRunnerConfig("vite.config.mts", source)).toEqual({
      setupFiles: ["./x.ts"],
      include: [],
      exclude: [],
      typeChecks: false,
      aliases: [],
      unread: [],
      projects: ["packages/*"],
    });
  });

  it("reads the entries of a vitest workspace file", () => {
    const source = `import { defineWorkspace } from "vitest/config";
export default defineWorkspace(["packages/*", "./apps/web/vitest.config.ts", { test: { include: ["x/**"] } }]);`;
    expect(extractRunnerConfig("vitest.workspace.ts", source)).toEqual({
      setupFiles: [],
      include: ["x/**"],
      exclude: [],
      typeChecks: false,
      aliases: [],
      unread: [],
      projects: ["packages/*", "./apps/web/vitest.config.ts"],
    });
  });

  it("reads a jest config in CommonJS, keeping only a path-like testEnvironment", () => {
    const source = `module.exports = {
  rootDir: "..",
  setupFilesAfterEnv: ["<rootDir>/jest.setup.js"],
  snapshotSerializers: ["./serializer.js"],
  testEnvironment: "node",
  globalTeardown: "./teardown.js",
  snapshotResolver: "./resolver.js",
  testMatch: ["**/__tests__/**/*.js"],
  projects: ["<rootDir>/packages/*"],
};`;
    expect(extractRunnerConfig("config/jest.config.js", source)).toEqual({
      setupFiles: ["<rootDir>/jest.setup.js", "./serializer.js", "./teardown.js", "./resolver.js"],
      include: ["**/__tests__/**/*.js"],
      exclude: [],
      typeChecks: false,
      aliases: [],
      unread: [],
      projects: ["<rootDir>/packages/*"],
      root: "..",
    });
    expect(
      extractRunnerConfig("jest.config.ts", `export default { testEnvironment: "./env.ts" }`)?.setupFiles,
    ).toEqual(["./env.ts"]);
  });

  it("reads modules named by path as files the project loads: environments, transforms, resolvers, runners", () => {
    const vitest = `export default { test: { environment: "./env/locale.ts", runner: "./runner.ts" } };`;
    expect(extractRunnerConfig("vitest.config.ts", vitest)?.setupFiles).toEqual([
      "./env/locale.ts",
      "./runner.ts",
    ]);
    expect(
      extractRunnerConfig("vitest.config.ts", `export default { test: { environment: "jsdom" } };`),
    ).toMatchObject({
      setupFiles: [],
      unread: [],
    });
    const jest = `module.exports = {
  transform: { "\\.txt$": "<rootDir>/tools/text.cjs", "\\.tsx?$": ["ts-jest", { tsconfig: "x" }], "\\.svg$": ["./svg.cjs", {}] },
  resolver: "<rootDir>/resolver.cjs",
  preset: "./tools/jest-preset.js",
  testRunner: "jest-circus/runner",
  testSequencer: "./sequencer.cjs",
};`;
    expect(extractRunnerConfig("jest.config.cjs", jest)).toMatchObject({
      setupFiles: [
        "<rootDir>/tools/text.cjs",
        "./svg.cjs",
        "<rootDir>/resolver.cjs",
        "./tools/jest-preset.js",
        "./sequencer.cjs",
      ],
      unread: [],
    });
    // A transformer the config computes could be any file: the project keeps its tests.
    const computed = `module.exports = { transform: { "\\.txt$": process.env.TRANSFORM } };`;
    expect(extractRunnerConfig("jest.config.cjs", computed)?.unread).toEqual([
      { key: "\\.txt$", line: 1, text: "process.env.TRANSFORM" },
    ]);
  });

  it("reads a JSON jest config, and nothing from a file that is not a runner config", () => {
    expect(extractRunnerConfig("jest.config.json", `{"setupFiles": ["./s.js"]}`)?.setupFiles).toEqual([
      "./s.js",
    ]);
    expect(extractRunnerConfig("jest.config.json", `{not json`)).toBeUndefined();
    expect(extractRunnerConfig("src/config.ts", `export default { setupFiles: ["./s.ts"] }`)).toBeUndefined();
  });
});

describe("the extensions a runner tries", () => {
  it("reads Vite's top-level resolve.extensions, not another section's, and Jest's moduleFileExtensions", () => {
    const vite = `export default {
  resolve: { extensions: [".web.ts", ".ts"], alias: {} },
  ssr: { resolve: { extensions: [".ssr.ts"] } },
};`;
    expect(extractRunnerConfig("vite.config.ts", vite)?.extensions).toEqual([".web.ts", ".ts"]);
    const jest = `module.exports = { moduleFileExtensions: ["ios.js", "js", "ts"] };`;
    expect(extractRunnerConfig("jest.config.js", jest)?.extensions).toEqual([".ios.js", ".js", ".ts"]);
    expect(extractRunnerConfig("vite.config.ts", "export default {};")).not.toHaveProperty("extensions");
  });

  it("puts Jest's haste platforms before each extension: defaultPlatform, and native when listed", () => {
    const jest = `module.exports = {
  moduleFileExtensions: ["js", "ts"],
  haste: { defaultPlatform: "ios", platforms: ["ios", "android", "native"] },
};`;
    expect(extractRunnerConfig("jest.config.js", jest)?.extensions).toEqual([
      ...[".ios.js", ".ios.ts", ".native.js", ".native.ts"],
      ...[".js", ".ts"],
    ]);
    const defaults = extractJestFromPackageJson(
      JSON.stringify({ jest: { haste: { defaultPlatform: "android" } } }),
    );
    expect(defaults?.extensions?.slice(0, 3)).toEqual([".android.js", ".android.mjs", ".android.cjs"]);
    const android = `module.exports = { haste: { platforms: ["ios", "android"] } };`;
    expect(extractRunnerConfig("jest.config.js", android)).not.toHaveProperty("extensions");
  });

  it("keeps the project's tests when the default platform is built at run time", () => {
    const jest = `module.exports = { haste: { defaultPlatform: process.env.PLATFORM } };`;
    expect(extractRunnerConfig("jest.config.js", jest)?.unread).toEqual([
      { key: "defaultPlatform", line: 1, text: "process.env.PLATFORM" },
    ]);
  });
});

describe("files Node preloads in the runner's workers", () => {
  it("reads execArgv's --require, --import and loader flags, local paths only", () => {
    const vitest = `import { fileURLToPath } from "node:url";
export default {
  test: {
    execArgv: ["--require", fileURLToPath(new URL("./test/polyfill.cjs", import.meta.url)), "--import=./register.js"],
    poolOptions: { forks: { execArgv: ["--import", "tsx", "--loader", "./loader.mjs", "--max-old-space-size=4096"] } },
  },
};`;
    expect(extractRunnerConfig("vitest.config.ts", vitest)?.setupFiles).toEqual([
      "./test/polyfill.cjs",
      "./register.js",
      "./loader.mjs",
    ]);
  });
});

describe("extractJestFromPackageJson", () => {
  it("reads the jest key", () => {
    const manifest = JSON.stringify({
      name: "x",
      jest: { setupFiles: ["./setup.js"], roots: ["<rootDir>/src"] },
    });
    expect(extractJestFromPackageJson(manifest)).toEqual({
      setupFiles: ["./setup.js"],
      include: [],
      exclude: [],
      typeChecks: false,
      aliases: [],
      unread: [],
      projects: [],
    });
  });

  it("is undefined without a jest key or with invalid JSON", () => {
    expect(extractJestFromPackageJson(`{"name": "x"}`)).toBeUndefined();
    expect(extractJestFromPackageJson(`{`)).toBeUndefined();
  });

  it("knows when the runner type-checks ordinary test files: ts-jest, a vitest typecheck.include", () => {
    const jest = `module.exports = { preset: "ts-jest", testEnvironment: "node" };`;
    expect(extractRunnerConfig("jest.config.js", jest)?.typeChecks).toBe(true);
    const transform = `export default { transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "x" }] } };`;
    expect(extractRunnerConfig("jest.config.ts", transform)?.typeChecks).toBe(true);
    expect(
      extractJestFromPackageJson(`{ "jest": { "preset": "ts-jest/presets/default-esm" } }`)?.typeChecks,
    ).toBe(true);
    const vitest = `export default { test: { typecheck: { enabled: true, include: ["src/**/*.test.ts"] } } };`;
    expect(extractRunnerConfig("vitest.config.ts", vitest)?.typeChecks).toBe(true);
    // Type tests alone (vitest's default typecheck.include) say nothing about the others.
    const typeTests = `export default { test: { typecheck: { enabled: true } } };`;
    expect(extractRunnerConfig("vitest.config.ts", typeTests)?.typeChecks).toBe(false);
  });

  it("knows when the runner type-checks every file a test loads: ts-jest unless told not to", () => {
    const checks = (path: string, text: string) => {
      const config = extractRunnerConfig(path, text);
      return [config?.typeChecks, config?.checksLoadedFiles ?? false];
    };
    expect(checks("jest.config.js", `module.exports = { preset: "ts-jest" };`)).toEqual([true, true]);
    const isolated = `export default { transform: { "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true }] } };`;
    expect(checks("jest.config.ts", isolated)).toEqual([false, false]);
    const silent = `module.exports = { preset: "ts-jest", globals: { "ts-jest": { diagnostics: false } } };`;
    expect(checks("jest.config.js", silent)).toEqual([false, false]);
    const warnOnly = `module.exports = { preset: "ts-jest", globals: { "ts-jest": { diagnostics: { warnOnly: true } } } };`;
    expect(checks("jest.config.js", warnOnly)).toEqual([false, false]);
    const explicit = `module.exports = { preset: "ts-jest", globals: { "ts-jest": { isolatedModules: false, diagnostics: true } } };`;
    expect(checks("jest.config.js", explicit)).toEqual([true, true]);
    const json = `{ "jest": { "transform": { "^.+\\.ts$": ["ts-jest", { "isolatedModules": true }] } } }`;
    expect(extractJestFromPackageJson(json)?.checksLoadedFiles).toBeUndefined();
    // Vitest checks the test files it is told to, and no file for what it loads.
    const vitest = `export default { test: { typecheck: { enabled: true, include: ["src/**/*.test.ts"] } } };`;
    expect(checks("vitest.config.ts", vitest)).toEqual([true, false]);
  });

  it("knows when a type error outside the tests fails a vitest typecheck run", () => {
    const fails = (text: string) =>
      extractRunnerConfig("vitest.config.ts", text)?.failsOnSourceErrors ?? false;
    expect(fails(`export default { test: { typecheck: { enabled: true } } };`)).toBe(true);
    expect(fails(`export default { test: { typecheck: { include: ["test/**/*.test.ts"] } } };`)).toBe(true);
    expect(
      fails(`export default { test: { typecheck: { enabled: true, ignoreSourceErrors: true } } };`),
    ).toBe(false);
    expect(fails(`export default { test: { environment: "node" } };`)).toBe(false);
  });
});

describe("runner aliases", () => {
  it("reads vite's object and array forms, a RegExp find, and says what it cannot read", () => {
    const source = `import path from "node:path";
export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname, "src"), "#x": process.env.X } },
  test: {
    alias: [
      { find: /^~(.*)$/, replacement: "$1" },
      { find: makeFind(), replacement: "./y" },
    ],
  },
});`;
    const config = extractRunnerConfig("web/vitest.config.ts", source);
    expect(config?.aliases).toEqual([
      { style: "vite", find: { prefix: "@" }, targets: ["/\u0000repo/web/src"], line: 3 },
      { style: "vite", find: { prefix: "#x" }, targets: [], line: 3, unread: "process.env.X" },
      { style: "vite", find: { regex: "^~(.*)$", flags: "" }, targets: ["$1"], line: 6 },
    ]);
    expect(config?.unread).toEqual([
      { key: "test.alias", line: 7, text: '{ find: makeFind(), replacement: "./y" }' },
    ]);
  });

  it("reads jest's moduleNameMapper from a module and from JSON, arrays of targets included", () => {
    const source = `module.exports = { moduleNameMapper: { "^@/(.*)$": ["<rootDir>/src/$1", "<rootDir>/lib/$1"] } };`;
    expect(extractRunnerConfig("jest.config.js", source)?.aliases).toEqual([
      {
        style: "jest",
        find: { regex: "^@/(.*)$", flags: "" },
        targets: ["<rootDir>/src/$1", "<rootDir>/lib/$1"],
        line: 1,
      },
    ]);
    const manifest = JSON.stringify({ jest: { moduleNameMapper: { "^~/(.*)$": "<rootDir>/src/$1" } } });
    expect(extractJestFromPackageJson(manifest)?.aliases).toEqual([
      { style: "jest", find: { regex: "^~/(.*)$", flags: "" }, targets: ["<rootDir>/src/$1"], line: 0 },
    ]);
  });

  it("reports a setup option it cannot evaluate, with its line, but not a plugin's options", () => {
    const source = `export default {
  plugins: [plugin({ setupFiles: compute() })],
  test: { setupFiles: [resolve(__dirname, "a.ts"), compute()] },
};`;
    const config = extractRunnerConfig("vitest.config.ts", source);
    expect(config?.setupFiles).toEqual([]);
    expect(config?.unread).toEqual([
      { key: "setupFiles", line: 3, text: 'resolve(__dirname, "a.ts")' },
      { key: "setupFiles", line: 3, text: "compute()" },
    ]);
  });
});

describe("inline projects", () => {
  it("keeps a project with its own root apart, and merges one without into the config", () => {
    const source = `export default defineConfig({
  resolve: { alias: { "~": "/shared" } },
  test: {
    setupFiles: ["./root-setup.ts"],
    projects: [
      "packages/*",
      { root: "./web", resolve: { alias: { "@": "/src" } }, test: { setupFiles: ["./setup.ts"], include: ["t/**"] } },
      { test: { name: "node", setupFiles: ["./node-setup.ts"] } },
    ],
  },
});`;
    const config = extractRunnerConfig("vitest.config.ts", source);
    expect(config?.setupFiles).toEqual(["./root-setup.ts", "./node-setup.ts"]);
    expect(config?.projects).toEqual(["packages/*"]);
    expect(config?.aliases.map((a) => a.find)).toEqual([{ prefix: "~" }]);
    expect(config?.inline).toEqual([
      expect.objectContaining({
        root: "./web",
        setupFiles: ["./setup.ts"],
        include: ["t/**"],
        aliases: [expect.objectContaining({ find: { prefix: "@" }, targets: ["/src"] })],
      }),
    ]);
  });

  it("reads the inline projects of a workspace file", () => {
    const source = `export default defineWorkspace([{ root: "./a", test: { setupFiles: "./s.ts" } }, "b"]);`;
    const config = extractRunnerConfig("vitest.workspace.ts", source);
    expect(config?.inline).toEqual([expect.objectContaining({ root: "./a", setupFiles: ["./s.ts"] })]);
    expect(config?.projects).toEqual(["b"]);
  });
});
