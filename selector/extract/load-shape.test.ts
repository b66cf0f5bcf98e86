import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

const runsOnLoad = (source: string, name: string) =>
  extractFacts("src/m.ts", source).declarations.find((d) => d.names.includes(name))?.runsOnLoad ?? false;

describe("what a declaration runs as the module loads", () => {
  it("a function, an arrow, a literal, an alias or an object of methods runs nothing", () => {
    const source = [
      `import { helper } from "./helper";`,
      `export function f() { return helper(); }`,
      `export const g = (x: number) => helper(x);`,
      `export const limits = { max: 3, name: "n", check() { return helper(); } };`,
      `export const alias = helper;`,
      `export class Plain { size = helper(); run() { helper(); } }`,
    ].join("\n");
    for (const name of ["f", "g", "limits", "alias", "Plain"]) expect(runsOnLoad(source, name)).toBe(false);
  });

  it("a call, a construction or an assignment in an initializer runs on load", () => {
    const source = [
      `import { make, register } from "./lib";`,
      `export const $Thing = make("thing", (inst) => inst);`,
      `const cache = new Map();`,
      `let count = (globalThis.loaded = 1);`,
      `export const tagged = register\`name\`;`,
    ].join("\n");
    for (const name of ["$Thing", "cache", "count", "tagged"]) expect(runsOnLoad(source, name)).toBe(true);
  });

  it("a class's decorators, static fields and static blocks run on load", () => {
    const source = [
      `import { track, setup, sealed } from "./lib";`,
      `export class Widget { static registry = setup(); }`,
      `export class Stat { static { track(); } }`,
      `@sealed export class Sealed {}`,
    ].join("\n");
    for (const name of ["Widget", "Stat", "Sealed"]) expect(runsOnLoad(source, name)).toBe(true);
  });

  it("a namespace body is top-level code; an ambient declaration runs nothing", () => {
    const source = [
      `import { register } from "./lib";`,
      `export namespace Plugins { register("a"); }`,
      `declare const injected: string;`,
      `export declare namespace Types { const x: number; }`,
    ].join("\n");
    expect(runsOnLoad(source, "Plugins")).toBe(true);
    expect(runsOnLoad(source, "injected")).toBe(false);
    expect(runsOnLoad(source, "Types")).toBe(false);
  });

  it("a call marked pure runs nothing on load; its arguments still may", () => {
    const source = [
      `import * as core from "./core";`,
      `import { make, setup } from "./lib";`,
      `export const $Str: core.$constructor<Str> = /*@__PURE__*/ core.$constructor("Str", (inst) => inst);`,
      `export const built = /* #__PURE__ */ new Map();`,
      `export const wrapped = /*@__PURE__*/ make(setup());`,
      `export const chained = /*@__PURE__*/ make().then();`,
      `export const later = make(/*@__PURE__*/ core.noop());`,
      `// /*@__PURE__*/`,
      `export const plain = make();`,
    ].join("\n");
    expect(runsOnLoad(source, "$Str")).toBe(false);
    expect(runsOnLoad(source, "built")).toBe(false);
    // The annotation covers one call: what it is handed, or what it is called on, can still run.
    expect(runsOnLoad(source, "wrapped")).toBe(true);
    expect(runsOnLoad(source, "chained")).toBe(true);
    expect(runsOnLoad(source, "later")).toBe(true);
    expect(runsOnLoad(source, "plain")).toBe(true);
  });
});
