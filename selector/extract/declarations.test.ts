import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

describe("top-level declarations", () => {
  it("gives each declaration its names, kind, lines, exports and references", () => {
    const source = [
      `import { helper } from "./helper";`, // 1
      `import * as ns from "./ns";`, // 2
      `const LIMIT = 3;`, // 3
      `export function run(input: Shape): number {`, // 4
      `  return helper(input.size) + LIMIT + ns.scale;`, // 5
      `}`, // 6
      `interface Shape { size: number }`, // 7
      `export type Alias = Shape | undefined;`, // 8
      `export enum Color { Red }`, // 9
      `@sealed`, // 10
      `export abstract class Base {}`, // 11
      `let { a, b: [c, ...d] } = make(), e = 1;`, // 12
      `namespace Outer.Inner { export const x = run(1); }`, // 13
    ].join("\n");
    expect(extractFacts("src/a.ts", source).declarations).toEqual([
      { names: ["LIMIT"], kind: "variable", range: { start: 3, end: 3 }, exportedAs: [], references: [] },
      {
        names: ["run"],
        kind: "function",
        range: { start: 4, end: 6 },
        exportedAs: ["run"],
        // `Shape` only types the parameter: nothing of it runs.
        references: ["helper", "LIMIT", "ns.scale"],
        typeReferences: ["Shape"],
      },
      { names: ["Shape"], kind: "interface", range: { start: 7, end: 7 }, exportedAs: [], references: [] },
      {
        names: ["Alias"],
        kind: "type",
        range: { start: 8, end: 8 },
        exportedAs: ["Alias"],
        references: [],
        typeReferences: ["Shape"],
      },
      { names: ["Color"], kind: "enum", range: { start: 9, end: 9 }, exportedAs: ["Color"], references: [] },
      // The decorator, the call and the namespace body run as the module loads.
      {
        names: ["Base"],
        kind: "class",
        range: { start: 10, end: 11 },
        exportedAs: ["Base"],
        references: [],
        runsOnLoad: true,
      },
      {
        names: ["a", "c", "d", "e"],
        kind: "variable",
        range: { start: 12, end: 12 },
        exportedAs: [],
        references: [],
        runsOnLoad: true,
      },
      {
        names: ["Outer"],
        kind: "namespace",
        range: { start: 13, end: 13 },
        exportedAs: [],
        references: ["run"],
        runsOnLoad: true,
      },
    ]);
  });

  it("names default-exported functions and classes, anonymous ones `default`", () => {
    const named = extractFacts("src/a.ts", `export default function main() {}`).declarations;
    const anonymous = extractFacts("src/b.ts", `export default class {}`).declarations;
    expect(named).toEqual([
      {
        names: ["main"],
        kind: "function",
        range: { start: 1, end: 1 },
        exportedAs: ["default"],
        references: [],
      },
    ]);
    expect(anonymous).toEqual([
      {
        names: ["default"],
        kind: "class",
        range: { start: 1, end: 1 },
        exportedAs: ["default"],
        references: [],
      },
    ]);
  });

  it("keeps overload signatures as declarations of the same name", () => {
    const source = `export function f(a: string): void;\nexport function f(a: unknown) {}\n`;
    expect(extractFacts("src/a.ts", source).declarations.map((d) => [d.names, d.range.start])).toEqual([
      [["f"], 1],
      [["f"], 2],
    ]);
  });

  it("reads ambient declarations; `declare module` is kind other, named for the module", () => {
    const source = `declare const VERSION: string;\ndeclare module "lib" { export const x: number; }\ndeclare global { interface Window { v: string } }`;
    expect(extractFacts("src/env.d.ts", source).declarations.map((d) => [d.names, d.kind])).toEqual([
      [["VERSION"], "variable"],
      [["lib"], "other"],
      [["global"], "other"],
    ]);
  });

  it("counts a spread as a reference but not a property after a dot", () => {
    const source = `const base = {};\nconst other = 1;\nexport const merged = { ...base, k: obj.other };`;
    expect(extractFacts("src/a.ts", source).declarations[2]?.references).toEqual(["base"]);
  });
});

describe("where a declaration names a top-level name", () => {
  const referencesOf = (source: string, name: string) => {
    const found = extractFacts("src/a.ts", source).declarations.find((d) => d.names.includes(name));
    return { references: found?.references, typeReferences: found?.typeReferences ?? [] };
  };

  it("a name where a type goes is a type reference; one in code is a reference", () => {
    const source = [
      `import { Schema, check } from "./schema";`,
      `import * as core from "./core";`,
      `export function parse(input: Schema, f: typeof check): core.Out<Schema> {`,
      `  return check(input) as Schema;`,
      `}`,
      `export class Strict extends Schema implements core.Checker {}`,
    ].join("\n");
    expect(referencesOf(source, "parse")).toEqual({
      references: ["check"],
      typeReferences: ["Schema", "core.Out"],
    });
    // A class it extends is code: the base class runs when it is constructed.
    expect(referencesOf(source, "Strict")).toEqual({
      references: ["Schema"],
      typeReferences: ["core.Checker"],
    });
  });

  it("a primitive type, an object key or a method name is not a use of a same-named function", () => {
    const source = [
      `export function string() { return { kind: "string" }; }`,
      `export function number() { return 1; }`,
      `export interface Shape { name: string; string(): number }`,
      `export function describe(x: string, n: number) { return { string: x, number: n }; }`,
      `export function make() { return { string, size: number() }; }`,
    ].join("\n");
    expect(referencesOf(source, "Shape")).toEqual({ references: [], typeReferences: [] });
    expect(referencesOf(source, "describe")).toEqual({ references: [], typeReferences: [] });
    expect(referencesOf(source, "make")).toEqual({ references: ["string", "number"], typeReferences: [] });
  });

  it("a word inside a string, a template's text or a regular expression names nothing", () => {
    const source = [
      `export function string() { return 1; }`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test holds a template literal
      'export function kind(x: unknown) { return typeof x === "string" ? `string ${string()}` : /string/; }',
    ].join("\n");
    expect(referencesOf(source, "kind")).toEqual({ references: ["string"], typeReferences: [] });
    const once = `export function kind(x: unknown) { return typeof x === "string"; }`;
    expect(referencesOf(`export function string() {}\n${once}`, "kind").references).toEqual([]);
    // A direct eval runs a string in the module's scope: there its words may be names.
    const evaluated = `export function string() {}\nexport function run() { return eval("string()"); }`;
    expect(referencesOf(evaluated, "run").references).toEqual(["string"]);
  });

  it("a parameter or a local of the same name is not a use of the top-level one", () => {
    const source = [
      `export function json() { return 1; }`,
      `export const a = (ctx, json, { b }) => json + b;`,
      `export const c = (json) => { return json; };`,
      `export function d(x) { const json = x; return { json }; }`,
      `export function e(x) { try { return x(); } catch (json) { return json; } }`,
      `export function f(x) { if (x) { const json = 1; return json; } return json(); }`,
      `export class G { run({ json }) { return json; } }`,
      `export const h = (x) => [x].map((json) => json).concat(json());`,
    ].join("\n");
    for (const name of ["a", "c", "d", "e", "G"]) expect(referencesOf(source, name).references).toEqual([]);
    // Outside the block or the function that declares it, the name is the top-level one again.
    expect(referencesOf(source, "f").references).toEqual(["json"]);
    expect(referencesOf(source, "h").references).toEqual(["json"]);
  });

  it("a name in a comment counts for type checking only (JSDoc types JavaScript)", () => {
    const source = [
      `import { Shape } from "./shape";`,
      `export const f = (/** @type {Shape} */ x) => x;`,
    ].join("\n");
    expect(referencesOf(source, "f")).toEqual({ references: [], typeReferences: ["Shape"] });
  });
});

describe("top-level statements and local exports", () => {
  it("keeps code that runs on import as statements with references", () => {
    const source = [
      `import { setup } from "./setup";`,
      `const port = 3000;`,
      `setup(port);`,
      `if (process.env.CI) {`,
      `  setup(1);`,
      `}`,
    ].join("\n");
    expect(extractFacts("src/a.ts", source).statements).toEqual([
      { range: { start: 3, end: 3 }, references: ["setup", "port"] },
      { range: { start: 4, end: 6 }, references: ["setup"] },
    ]);
  });

  it("reads export clauses and `export default <name>` as local exports", () => {
    const source = `const a = 1;\nfunction c() {}\nexport { a as b, c };\nexport default a;`;
    const facts = extractFacts("src/a.ts", source);
    expect(facts.localExports).toEqual([
      { exported: "b", local: "a", line: 3 },
      { exported: "c", local: "c", line: 3 },
      { exported: "default", local: "a", line: 4 },
    ]);
    expect(facts.statements).toEqual([]);
  });

  it("reads `export default <expression>` as an export without local and a statement", () => {
    const source = `import { defineConfig } from "vitest/config";\nexport default defineConfig({\n  test: {},\n});`;
    const facts = extractFacts("vitest.config.ts", source);
    expect(facts.localExports).toEqual([{ exported: "default", line: 2 }]);
    expect(facts.statements).toEqual([{ range: { start: 2, end: 4 }, references: ["defineConfig"] }]);
  });

  it("reads `export = name` as the default export", () => {
    expect(extractFacts("src/a.ts", `const api = {};\nexport = api;`).localExports).toEqual([
      { exported: "default", local: "api", line: 2 },
    ]);
  });
});

describe("stand-in names", () => {
  it("does not take the word `default` for a reference to an anonymous default export", () => {
    const facts = extractFacts("src/a.ts", `export default function () {}\nexport default class X {}`);
    expect(facts.declarations.map((d) => d.references)).toEqual([[], []]);
  });
});
