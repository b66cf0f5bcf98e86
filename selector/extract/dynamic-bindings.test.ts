import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

const facts = (source: string) => extractFacts("src/a.ts", source);
const loadOf = (source: string) => {
  const record = facts(source).imports[0]!;
  return { names: record.names, namespaceLocal: record.namespaceLocal, members: record.members };
};
const referencesOf = (source: string, name: string) =>
  facts(source).declarations.find((d) => d.names.includes(name))?.references;

describe("names read from a module loaded inside a function", () => {
  it("member reads of a local binding are referenced by the enclosing declaration", () => {
    const source = `export async function f() {\n  const m = await import("./x");\n  return m.a + m.b;\n}`;
    expect(loadOf(source)).toEqual({ names: "*", namespaceLocal: "import@2:19", members: ["a", "b"] });
    expect(referencesOf(source, "f")).toEqual(["import@2:19.a", "import@2:19.b"]);
  });

  it("a .then callback's parameter, read by member or destructured", () => {
    expect(loadOf(`export const f = () => import("./x").then((m) => m.a);`).members).toEqual(["a"]);
    expect(loadOf(`export const f = () => import("./x").then(({ a, b: c }) => a + c);`).members).toEqual([
      "a",
      "b",
    ]);
    expect(loadOf(`export const f = () => import("./x").then(() => 1);`).members).toEqual([]);
  });

  it("a member of the awaited module, a destructured require", () => {
    expect(loadOf(`export async function f() { return (await import("./x")).a; }`).members).toEqual(["a"]);
    expect(loadOf(`export function f() { const { a } = require("./x"); return a; }`).members).toEqual(["a"]);
  });

  it("counts the module whole where its reads cannot be told", () => {
    for (const body of [
      "const m = await import('./x'); return m[key];",
      "return use(await import('./x'));",
      "const m = await import('./x'); return { ...m };",
    ]) {
      const load = loadOf(`export async function f(key) { ${body} }`);
      expect(load.members, body).toBeUndefined();
      expect(referencesOf(`export async function f(key) { ${body} }`, "f"), body).toEqual([
        load.namespaceLocal,
      ]);
    }
  });

  it("a module stored in a top-level name is referenced by that name's declaration too", () => {
    const source = `let cache;\nexport async function load() {\n  cache = await import("./x");\n}`;
    const local = loadOf(source).namespaceLocal!;
    expect(referencesOf(source, "cache")).toEqual([local]);
    expect(referencesOf(source, "load")).toContain(local);
  });

  it("a hoisted var in a top-level block may be read anywhere: the whole file counts", () => {
    expect(loadOf(`if (ok) {\n  var m = require("./x");\n}\nexport const f = () => m.a;`)).toEqual({
      names: "*",
      namespaceLocal: undefined,
      members: undefined,
    });
  });

  it("a top-level binding is read member by member", () => {
    const source = `const m = require("./x");\nexport const f = () => m.a;\nexport const g = () => 1;`;
    expect(loadOf(source)).toEqual({ names: "*", namespaceLocal: "m", members: ["a"] });
    expect(referencesOf(source, "f")).toEqual(["m.a"]);
  });
});
