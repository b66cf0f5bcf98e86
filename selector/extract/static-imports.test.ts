import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

const importsOf = (source: string, path = "src/a.ts") => extractFacts(path, source).imports;

describe("static imports and re-exports", () => {
  it("reads default, named, aliased and per-name type imports as one static edge", () => {
    expect(importsOf(`import d, { a as b, type T } from "x";`)).toEqual([
      {
        specifier: "x",
        kind: "static",
        names: ["default", "a", "T"],
        locals: ["d", "b", "T"],
        typeOnly: false,
        line: 1,
      },
    ]);
  });

  it("reads a namespace import", () => {
    expect(importsOf(`\nimport * as ns from "./y";`)).toEqual([
      {
        specifier: "./y",
        kind: "static",
        names: "*",
        namespaceLocal: "ns",
        members: [],
        typeOnly: false,
        line: 2,
      },
    ]);
  });

  it("splits a default plus namespace import into two records", () => {
    expect(importsOf(`import d, * as ns from "x";`)).toEqual([
      { specifier: "x", kind: "static", names: ["default"], locals: ["d"], typeOnly: false, line: 1 },
      {
        specifier: "x",
        kind: "static",
        names: "*",
        namespaceLocal: "ns",
        members: [],
        typeOnly: false,
        line: 1,
      },
    ]);
  });

  it("reads `import type` as a type-only edge", () => {
    expect(importsOf(`import type { T, U as V } from "./types";`)).toEqual([
      { specifier: "./types", kind: "type", names: ["T", "U"], locals: ["T", "V"], typeOnly: true, line: 1 },
    ]);
  });

  it("reads a side-effect import as the whole module", () => {
    expect(importsOf(`import "./polyfill";`)).toEqual([
      { specifier: "./polyfill", kind: "side-effect", names: "*", typeOnly: false, line: 1 },
    ]);
  });

  it("reads `export { a as b, default as c } from` with its mapping", () => {
    expect(importsOf(`export { a as b, default as c, d } from "./x";`)).toEqual([
      {
        specifier: "./x",
        kind: "reexport",
        names: ["a", "default", "d"],
        reexports: [
          { exported: "b", imported: "a" },
          { exported: "c", imported: "default" },
          { exported: "d", imported: "d" },
        ],
        typeOnly: false,
        line: 1,
      },
    ]);
  });

  it("reads `export type { T } from` as a type-only re-export", () => {
    expect(importsOf(`export type { T } from "./t";`)).toEqual([
      {
        specifier: "./t",
        kind: "reexport",
        names: ["T"],
        reexports: [{ exported: "T", imported: "T" }],
        typeOnly: true,
        line: 1,
      },
    ]);
  });

  it("reads `export *` and `export * as ns`", () => {
    expect(importsOf(`export * from "./all";\nexport * as ns from "./more";`)).toEqual([
      { specifier: "./all", kind: "reexport-all", names: "*", typeOnly: false, line: 1 },
      {
        specifier: "./more",
        kind: "reexport-all",
        names: "*",
        reexportNamespace: "ns",
        typeOnly: false,
        line: 2,
      },
    ]);
  });

  it("reads `export type * from` out of the ERROR node tree-sitter 0.23 makes of it", () => {
    const facts = extractFacts(
      "src/index.ts",
      `export type * from "./types";\nexport type * as T from "./more";\n`,
    );
    expect(facts.imports).toEqual([
      { specifier: "./types", kind: "reexport-all", names: "*", typeOnly: true, line: 1 },
      {
        specifier: "./more",
        kind: "reexport-all",
        names: "*",
        reexportNamespace: "T",
        typeOnly: true,
        line: 2,
      },
    ]);
    // Valid TypeScript, fully read: not counted as a syntax error, so the barrel keeps symbol precision.
    expect(facts.syntaxErrors).toBe(0);
  });

  it("reads `import x = require()` as import-equals", () => {
    expect(importsOf(`import fs = require("node:fs");`)).toEqual([
      {
        specifier: "node:fs",
        kind: "import-equals",
        names: "*",
        namespaceLocal: "fs",
        typeOnly: false,
        line: 1,
      },
    ]);
  });

  it("reads triple-slash references at the top only", () => {
    const source = `/// <reference path="./globals.d.ts" />\n/// <reference types="vite/client" />\nconst a = 1;\n/// <reference path="./late.d.ts" />\n`;
    expect(importsOf(source)).toEqual([
      { specifier: "./globals.d.ts", kind: "reference", names: "*", typeOnly: true, line: 1 },
      { specifier: "vite/client", kind: "reference", names: "*", typeOnly: true, line: 2 },
    ]);
  });

  it("makes a bare reference path file-relative and keeps a types name a package", () => {
    const source = `/// <reference path="globals.d.ts" />\n/// <reference path="../up.d.ts" />\n/// <reference types="node" />\n`;
    expect(importsOf(source).map((r) => r.specifier)).toEqual(["./globals.d.ts", "../up.d.ts", "node"]);
  });

  it("reads imports inside `declare module` blocks of typings", () => {
    const source = `declare module "lib" {\n  import { A } from "./a";\n  export const x: A;\n}\n`;
    expect(importsOf(source, "types/lib.d.ts")).toEqual([
      { specifier: "./a", kind: "static", names: ["A"], locals: ["A"], typeOnly: false, line: 2 },
    ]);
  });
});
