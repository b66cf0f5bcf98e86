import { describe, expect, it } from "vitest";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "./create-resolver.js";
import type { Resolution } from "./types.js";

function resolverFor(files: Record<string, string>) {
  return createResolver(snapshotFromRecord(files));
}

const file = (path: string, via?: string): Partial<Resolution> =>
  via === undefined ? { kind: "file", path } : { kind: "file", path, via };

describe("relative: exact file, extension probing, js -> ts twins", () => {
  const r = resolverFor({
    "src/a.ts": "",
    "src/b.tsx": "",
    "src/c.mts": "",
    "src/d.cts": "",
    "src/real.js": "",
    "src/real.ts": "",
    "src/view.tsx": "",
    "src/main.ts": "",
  });

  it("probes extensions for extensionless specifiers", () => {
    expect(r.resolve("./a", "src/main.ts", "static")).toMatchObject(file("src/a.ts", "relative"));
    expect(r.resolve("./b", "src/main.ts", "static")).toMatchObject(file("src/b.tsx", "relative"));
  });

  it("maps .js/.mjs/.cjs/.jsx specifiers to their TypeScript sources", () => {
    expect(r.resolve("./a.js", "src/main.ts", "static")).toMatchObject(file("src/a.ts", "js->ts"));
    expect(r.resolve("./b.js", "src/main.ts", "static")).toMatchObject(file("src/b.tsx", "js->ts"));
    expect(r.resolve("./c.mjs", "src/main.ts", "static")).toMatchObject(file("src/c.mts", "js->ts"));
    expect(r.resolve("./d.cjs", "src/main.ts", "static")).toMatchObject(file("src/d.cts", "js->ts"));
    expect(r.resolve("./view.jsx", "src/main.ts", "static")).toMatchObject(file("src/view.tsx", "js->ts"));
  });

  it("prefers a real .js file over its twin", () => {
    expect(r.resolve("./real.js", "src/main.ts", "static")).toMatchObject(file("src/real.js", "relative"));
  });

  it("names the other code files of an extensionless name's stem: runners differ on which loads", () => {
    // Vite and Jest load src/real.js for "./real", TypeScript src/real.ts: the import may load either.
    expect(r.resolve("./real", "src/main.ts", "static")).toEqual({
      kind: "file",
      path: "src/real.ts",
      via: "relative",
      alternatives: ["src/real.js"],
    });
    expect(r.resolve("./a", "src/main.ts", "static")).not.toHaveProperty("alternatives");
  });

  it("does the same for a folder's index files, but not for JSON or declarations", () => {
    const both = resolverFor({
      "lib/index.ts": "",
      "lib/index.js": "",
      "cfg/index.ts": "",
      "cfg/index.json": "",
      "cfg/index.d.ts": "",
      "main.ts": "",
    });
    expect(both.resolve("./lib", "main.ts", "static")).toMatchObject({
      path: "lib/index.ts",
      alternatives: ["lib/index.js"],
    });
    expect(both.resolve("./cfg", "main.ts", "static")).not.toHaveProperty("alternatives");
  });
});

describe("relative: directories", () => {
  const r = resolverFor({
    "src/index.ts": "",
    "src/feature/index.tsx": "",
    "src/feature/deep/x.ts": "",
    "src/lib/package.json": JSON.stringify({ main: "./dist/lib.js" }),
    "src/lib/src/lib.ts": "",
    "src/pkg/package.json": JSON.stringify({ types: "./entry.d.ts" }),
    "src/pkg/entry.d.ts": "",
    "src/pkg/index.ts": "",
    "src/ui/package.json": JSON.stringify({ main: "./lib/index.js", types: "./lib/index.d.ts" }),
    "src/ui/lib/index.js": "",
    "src/ui/lib/index.d.ts": "",
    "src/built/package.json": JSON.stringify({ main: "./dist/index.js", module: "./dist/index.mjs" }),
    "src/built/dist/index.js": "",
    "src/built/src/index.ts": "",
  });

  it("resolves `../` and `..` to the parent's index", () => {
    expect(r.resolve("../", "src/feature/deep/x.ts", "static")).toMatchObject(file("src/feature/index.tsx"));
    expect(r.resolve("..", "src/feature/deep/x.ts", "static")).toMatchObject(file("src/feature/index.tsx"));
    expect(r.resolve(".", "src/feature/index.tsx", "static")).toMatchObject(file("src/feature/index.tsx"));
  });

  it("reads a directory's package.json fields, mapping build output back to source", () => {
    expect(r.resolve("./lib", "src/index.ts", "static")).toMatchObject(file("src/lib/src/lib.ts"));
  });

  it("counts every file the fields name, and the index when only types name one: the runner loads it", () => {
    expect(r.resolve("./pkg", "src/index.ts", "static")).toMatchObject({
      path: "src/pkg/entry.d.ts",
      alternatives: ["src/pkg/index.ts"],
    });
    // Hand-written types beside committed JS describe it; they are not what it is built from.
    expect(r.resolve("./ui", "src/index.ts", "static")).toMatchObject({
      path: "src/ui/lib/index.d.ts",
      alternatives: ["src/ui/lib/index.js"],
    });
    // Committed build output runs, and its source is what a change usually touches: both count.
    expect(r.resolve("./built", "src/index.ts", "static")).toMatchObject({
      path: "src/built/src/index.ts",
      alternatives: ["src/built/dist/index.js"],
    });
  });
});

describe("relative: assets, JSON and queries", () => {
  const r = resolverFor({
    "src/app.ts": "",
    "src/data.json": "{}",
    "src/logo.svg": "",
    "src/theme.css": "",
    "src/worker.ts": "",
    "src/__snapshots__/app.test.ts.snap": "",
  });

  it("resolves files of any extension and strips ?raw / ?worker / #hash", () => {
    expect(r.resolve("./data.json", "src/app.ts", "static")).toMatchObject(file("src/data.json"));
    expect(r.resolve("./data", "src/app.ts", "static")).toMatchObject(file("src/data.json"));
    expect(r.resolve("./logo.svg?raw", "src/app.ts", "static")).toMatchObject(file("src/logo.svg"));
    expect(r.resolve("./theme.css#x", "src/app.ts", "side-effect")).toMatchObject(file("src/theme.css"));
    expect(r.resolve("./worker.ts?worker", "src/app.ts", "static")).toMatchObject(file("src/worker.ts"));
    expect(r.resolve("./__snapshots__/app.test.ts.snap", "src/app.ts", "static")).toMatchObject(
      file("src/__snapshots__/app.test.ts.snap"),
    );
  });
});

describe("relative: unresolved", () => {
  const r = resolverFor({ "src/app.ts": "" });

  it("names what was tried and never throws", () => {
    const missing = r.resolve("./missing", "src/app.ts", "static");
    expect(missing.kind).toBe("unresolved");
    expect(missing.kind === "unresolved" && missing.reason).toContain("src/missing");
    const outside = r.resolve("../../x", "src/app.ts", "static");
    expect(outside).toEqual({ kind: "unresolved", reason: "relative: path leaves the repository" });
    expect(r.resolve("", "src/app.ts", "static").kind).toBe("unresolved");
  });
});

describe("root-relative (Vite /src/x)", () => {
  const r = resolverFor({
    "package.json": "{}",
    "apps/web/package.json": JSON.stringify({ name: "web" }),
    "apps/web/src/x.ts": "",
    "apps/web/src/main.ts": "",
    "shared/y.ts": "",
  });

  it("resolves against the nearest package dir, then the root", () => {
    expect(r.resolve("/src/x", "apps/web/src/main.ts", "static")).toMatchObject(
      file("apps/web/src/x.ts", "root-relative"),
    );
    expect(r.resolve("/shared/y.ts", "apps/web/src/main.ts", "static")).toMatchObject(file("shared/y.ts"));
    expect(r.resolve("/nope", "apps/web/src/main.ts", "static").kind).toBe("unresolved");
  });
});

describe("references and runner assets", () => {
  const r = resolverFor({
    "types.d.ts": "",
    "src/env.ts": "",
    "web/jest.config.js": "",
    "web/test/setup.ts": "",
    "web/setup-env.ts": "",
  });

  it("reads a reference path relative to the file (the extractor adds ./ to a bare path)", () => {
    expect(r.resolve("../types.d.ts", "src/env.ts", "reference")).toMatchObject(file("types.d.ts"));
    expect(r.resolve("./env.ts", "src/env.ts", "reference")).toMatchObject(file("src/env.ts"));
  });

  it("reads a reference to types as the package, never as a file beside the importer", () => {
    const typed = resolverFor({
      "package.json": JSON.stringify({ devDependencies: { "@types/node": "1", vite: "1" } }),
      "test/node": "",
      "test/a.test.ts": "",
    });
    expect(typed.resolve("node", "test/a.test.ts", "reference")).toMatchObject({ kind: "external" });
    expect(typed.resolve("vite/client", "test/a.test.ts", "reference")).toMatchObject({
      kind: "external",
      packageName: "vite",
    });
  });

  it("replaces <rootDir> with the config's directory and accepts bare setup paths", () => {
    expect(r.resolve("<rootDir>/test/setup.ts", "web/jest.config.js", "asset")).toMatchObject(
      file("web/test/setup.ts"),
    );
    expect(r.resolve("setup-env", "web/jest.config.js", "asset")).toMatchObject(file("web/setup-env.ts"));
    expect(r.resolve("@testing-library/jest-dom", "web/jest.config.js", "asset")).toEqual({
      kind: "external",
      packageName: "@testing-library/jest-dom",
    });
  });
});

describe("externals and built-ins", () => {
  const r = resolverFor({ "src/a.ts": "" });

  it("classifies bare specifiers by package name", () => {
    expect(r.resolve("react", "src/a.ts", "static")).toEqual({ kind: "external", packageName: "react" });
    expect(r.resolve("lodash/fp/map", "src/a.ts", "static")).toEqual({
      kind: "external",
      packageName: "lodash",
    });
    expect(r.resolve("@scope/pkg/sub", "src/a.ts", "static")).toEqual({
      kind: "external",
      packageName: "@scope/pkg",
    });
  });

  it("marks Node built-ins, with or without node:", () => {
    expect(r.resolve("node:fs", "src/a.ts", "static")).toEqual({
      kind: "external",
      packageName: "fs",
      builtin: true,
    });
    expect(r.resolve("fs/promises", "src/a.ts", "static")).toEqual({
      kind: "external",
      packageName: "fs",
      builtin: true,
    });
    expect(r.resolve("path", "src/a.ts", "static")).toMatchObject({ builtin: true });
    expect(r.resolve("node:test", "src/a.ts", "static")).toMatchObject({ builtin: true });
  });
});
