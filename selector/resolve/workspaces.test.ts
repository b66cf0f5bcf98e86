import { describe, expect, it } from "vitest";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "./create-resolver.js";

function resolverFor(files: Record<string, string>) {
  return createResolver(snapshotFromRecord(files));
}

const json = (value: unknown): string => JSON.stringify(value);

describe("workspaces: npm array form, exports with conditions and subpath patterns", () => {
  const r = resolverFor({
    "package.json": json({ name: "acme", workspaces: ["packages/*"], devDependencies: { vitest: "4" } }),
    "packages/ui/package.json": json({
      name: "@acme/ui",
      dependencies: { react: "19" },
      peerDependencies: { "react-dom": "19" },
      exports: {
        ".": { types: "./dist/index.d.ts", import: "./dist/esm/index.mjs", require: "./dist/cjs/index.cjs" },
        "./*": "./dist/*.js",
        "./styles.css": "./src/styles.css",
      },
    }),
    "packages/ui/src/index.ts": "",
    "packages/ui/src/button.tsx": "",
    "packages/ui/src/forms/input.ts": "",
    "packages/ui/src/styles.css": "",
    "packages/app/package.json": json({ name: "app", dependencies: { "@acme/ui": "workspace:*" } }),
    "packages/app/main.ts": "",
  });

  it("maps the conditional root export back to src", () => {
    expect(r.resolve("@acme/ui", "packages/app/main.ts", "static")).toEqual({
      kind: "file",
      path: "packages/ui/src/index.ts",
      via: "workspace @acme/ui exports",
    });
  });

  it("maps `./*` -> `./dist/*.js` subpaths to src/*.ts(x)", () => {
    expect(r.resolve("@acme/ui/button", "packages/app/main.ts", "static")).toMatchObject({
      path: "packages/ui/src/button.tsx",
    });
    expect(r.resolve("@acme/ui/forms/input", "packages/app/main.ts", "static")).toMatchObject({
      path: "packages/ui/src/forms/input.ts",
    });
    expect(r.resolve("@acme/ui/styles.css", "packages/app/main.ts", "side-effect")).toMatchObject({
      path: "packages/ui/src/styles.css",
    });
  });

  it("resolves the root package by its own name and lists every package with its dependencies", () => {
    expect(r.resolve("@acme/ui/missing", "packages/app/main.ts", "static").kind).toBe("unresolved");
    expect(r.workspaces()).toEqual([
      { name: "acme", dir: "", dependencies: ["vitest"] },
      { name: "app", dir: "packages/app", dependencies: ["@acme/ui"] },
      { name: "@acme/ui", dir: "packages/ui", dependencies: ["react", "react-dom"] },
    ]);
  });
});

describe("workspaces: self-reference of the root package", () => {
  const r = resolverFor({
    "package.json": json({ name: "tool", main: "./lib/index.js" }),
    "src/index.ts": "",
    "test/index.test.ts": "",
  });

  it("maps main ./lib/index.js to src/index.ts", () => {
    expect(r.resolve("tool", "test/index.test.ts", "static")).toEqual({
      kind: "file",
      path: "src/index.ts",
      via: "workspace tool main",
    });
  });
});

describe("workspaces: yarn object form, tsconfig outDir -> rootDir, fields without exports", () => {
  const r = resolverFor({
    "package.json": json({ private: true, workspaces: { packages: ["libs/**", "!libs/ignored"] } }),
    "libs/core/package.json": json({ name: "core", main: "./out/main.js", types: "./out/main.d.ts" }),
    "libs/core/tsconfig.json": json({ compilerOptions: { outDir: "out", rootDir: "source" } }),
    "libs/core/source/main.ts": "",
    "libs/core/source/extra/util.ts": "",
    "libs/nested/deep/package.json": json({ name: "deep", module: "./build/esm/index.js" }),
    "libs/nested/deep/src/index.ts": "",
    "libs/ignored/package.json": json({ name: "ignored" }),
    "libs/ignored/index.ts": "",
    "app.ts": "",
  });

  it("uses outDir -> rootDir from the package's tsconfig", () => {
    expect(r.resolve("core", "app.ts", "static")).toMatchObject({ path: "libs/core/source/main.ts" });
    expect(r.resolve("core/out/extra/util.js", "app.ts", "static")).toMatchObject({
      path: "libs/core/source/extra/util.ts",
      via: "workspace core subpath",
    });
  });

  it("strips two output folders (build/esm) and honours negations", () => {
    expect(r.resolve("deep", "app.ts", "static")).toMatchObject({ path: "libs/nested/deep/src/index.ts" });
    expect(r.resolve("ignored", "app.ts", "static")).toEqual({ kind: "external", packageName: "ignored" });
  });
});

describe("workspaces: pnpm-workspace.yaml", () => {
  const r = resolverFor({
    "package.json": json({ name: "root" }),
    "pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n  - 'packages/*'\n  - '!packages/legacy'\n",
    "packages/db/package.json": json({ name: "@acme/db", source: "./src/db.ts", main: "./dist/db.js" }),
    "packages/db/src/db.ts": "",
    "packages/legacy/package.json": json({ name: "legacy" }),
    "apps/api/package.json": json({ name: "api" }),
    "apps/api/server.ts": "",
  });

  it("discovers packages from the yaml globs", () => {
    expect(r.resolve("@acme/db", "apps/api/server.ts", "static")).toMatchObject({
      path: "packages/db/src/db.ts",
    });
    expect(r.workspaces().map((p) => p.name)).toEqual(["root", "api", "@acme/db"]);
  });
});

describe("package imports (#internal)", () => {
  const r = resolverFor({
    "package.json": json({
      name: "svc",
      imports: {
        "#db": { types: "./dist/db.d.ts", default: "./dist/db.js" },
        "#internal/*": "./src/internal/*.js",
        "#dep": "lodash",
      },
      dependencies: { lodash: "*" },
    }),
    "src/db.ts": "",
    "src/internal/cache.ts": "",
    "src/main.ts": "",
  });

  it("resolves through the nearest package.json imports, mapped to source", () => {
    expect(r.resolve("#db", "src/main.ts", "static")).toEqual({
      kind: "file",
      path: "src/db.ts",
      via: "package imports #db",
    });
    expect(r.resolve("#internal/cache", "src/main.ts", "static")).toMatchObject({
      path: "src/internal/cache.ts",
    });
    expect(r.resolve("#dep", "src/main.ts", "static")).toEqual({ kind: "external", packageName: "lodash" });
    expect(r.resolve("#nope", "src/main.ts", "static").kind).toBe("unresolved");
  });
});

describe("conditions that name different files: each is a file the importer may load", () => {
  const r = resolverFor({
    "package.json": json({
      name: "app",
      workspaces: ["packages/*"],
      imports: {
        "#platform": { browser: "./src/platform/browser.ts", default: "./src/platform/node.ts" },
        "#same": { types: "./dist/same.d.ts", import: "./dist/same.js", default: "./dist/same.cjs" },
      },
    }),
    "src/platform/browser.ts": "",
    "src/platform/node.ts": "",
    "src/same.ts": "",
    "src/main.ts": "",
    "packages/lib/package.json": json({
      name: "lib",
      exports: {
        ".": { import: { types: "./src/index.ts", development: "./src/dev.ts", default: "./src/index.ts" } },
      },
    }),
    "packages/lib/src/index.ts": "",
    "packages/lib/src/dev.ts": "",
  });

  it("keeps the package's first choice as the path and the others as alternatives", () => {
    // Vitest in Node takes node.ts, Jest with jsdom browser.ts: the runner's conditions decide.
    expect(r.resolve("#platform", "src/main.ts", "static")).toEqual({
      kind: "file",
      path: "src/platform/browser.ts",
      alternatives: ["src/platform/node.ts"],
      via: "package imports #platform",
    });
    // Vitest asks `development`: dev.ts is what it loads.
    expect(r.resolve("lib", "src/main.ts", "static")).toEqual({
      kind: "file",
      path: "packages/lib/src/index.ts",
      alternatives: ["packages/lib/src/dev.ts"],
      via: "workspace lib exports",
    });
  });

  it("takes every entry field's file when they differ (Vite's module, Jest's main)", () => {
    const fields = resolverFor({
      "package.json": json({ name: "root", workspaces: ["packages/*"] }),
      "packages/lib/package.json": json({ name: "lib", main: "./src/index.cjs", module: "./src/index.mjs" }),
      "packages/lib/src/index.cjs": "",
      "packages/lib/src/index.mjs": "",
      "src/main.ts": "",
    });
    expect(fields.resolve("lib", "src/main.ts", "static")).toEqual({
      kind: "file",
      path: "packages/lib/src/index.mjs",
      alternatives: ["packages/lib/src/index.cjs"],
      via: "workspace lib module",
    });
  });

  it("adds none when every condition maps to the same source", () => {
    expect(r.resolve("#same", "src/main.ts", "static")).toEqual({
      kind: "file",
      path: "src/same.ts",
      via: "package imports #same",
    });
  });
});

describe("local folder dependencies (file:, link:, portal:)", () => {
  const r = resolverFor({
    "package.json": json({
      name: "app",
      dependencies: {
        utils: "file:./libs/utils",
        "@acme/ui": "link:../app/libs/ui",
        vendored: "file:./vendor/x-1.0.0.tgz",
      },
    }),
    "libs/utils/package.json": json({ name: "utils-lib", main: "index.js" }),
    "libs/utils/index.js": "",
    "libs/ui/package.json": json({ name: "ui" }),
    "libs/ui/index.ts": "",
    "tools/package.json": json({ name: "tools", devDependencies: { helpers: "portal:../libs/helpers" } }),
    "libs/helpers/package.json": json({ name: "helpers", exports: "./src/main.ts" }),
    "libs/helpers/src/main.ts": "",
    "src/main.ts": "",
  });

  it("resolves the dependency's name to the folder, as npm, pnpm and yarn link it", () => {
    expect(r.resolve("utils", "src/main.ts", "static")).toMatchObject({
      kind: "file",
      path: "libs/utils/index.js",
    });
    expect(r.resolve("helpers", "src/main.ts", "static")).toMatchObject({
      kind: "file",
      path: "libs/helpers/src/main.ts",
    });
    // A path leaving the repository names nothing we can see; a tarball is no folder.
    expect(r.resolve("@acme/ui", "src/main.ts", "static")).toEqual({
      kind: "external",
      packageName: "@acme/ui",
    });
    expect(r.resolve("vendored", "src/main.ts", "static")).toEqual({
      kind: "external",
      packageName: "vendored",
    });
  });
});

describe("self-reference with a custom source condition (zod's layout)", () => {
  const r = resolverFor({
    "package.json": json({
      name: "zod",
      exports: {
        "./v4": { "@zod/source": "./src/v4/index.ts", types: "./v4/index.d.cts", import: "./v4/index.js" },
        "./mini": { types: "./mini/index.d.cts", import: "./mini/index.js" },
      },
    }),
    "src/v4/index.ts": "",
    "src/mini/index.ts": "",
    "src/v4/tests/string.test.ts": "",
  });

  it("asks the custom condition, which names the source", () => {
    expect(r.resolve("zod/v4", "src/v4/tests/string.test.ts", "static")).toMatchObject({
      kind: "file",
      path: "src/v4/index.ts",
    });
  });

  it("maps output published from the package root back to src/", () => {
    expect(r.resolve("zod/mini", "src/v4/tests/string.test.ts", "static")).toMatchObject({
      kind: "file",
      path: "src/mini/index.ts",
    });
  });
});

describe("a custom condition that is the only way to the source", () => {
  const r = resolverFor({
    "package.json": json({
      name: "lib",
      exports: { ".": { "@lib/source": "./code/main.ts", import: "./out.js" } },
    }),
    "code/main.ts": "",
    "test/a.test.ts": "",
  });

  it("is asked", () => {
    expect(r.resolve("lib", "test/a.test.ts", "static")).toMatchObject({
      kind: "file",
      path: "code/main.ts",
    });
  });
});

describe("a workspace of committed JavaScript with hand-written types", () => {
  const r = resolverFor({
    "package.json": json({ name: "acme", workspaces: ["packages/*"] }),
    "packages/legacy/package.json": json({
      name: "legacy",
      main: "./lib/index.js",
      types: "./lib/index.d.ts",
    }),
    "packages/legacy/lib/index.js": "",
    "packages/legacy/lib/index.d.ts": "",
    "packages/legacy/lib/parse.js": "",
    "packages/legacy/lib/parse.d.ts": "",
    "packages/app/package.json": json({ name: "app", dependencies: { legacy: "workspace:*" } }),
    "packages/app/main.ts": "",
  });

  it("loads the JavaScript main, and a subpath's JavaScript, not only their declarations", () => {
    expect(r.resolve("legacy", "packages/app/main.ts", "static")).toEqual({
      kind: "file",
      path: "packages/legacy/lib/index.d.ts",
      via: "workspace legacy types",
      alternatives: ["packages/legacy/lib/index.js"],
    });
    expect(r.resolve("legacy/lib/parse", "packages/app/main.ts", "static")).toMatchObject({
      path: "packages/legacy/lib/parse.d.ts",
      alternatives: ["packages/legacy/lib/parse.js"],
    });
  });
});
