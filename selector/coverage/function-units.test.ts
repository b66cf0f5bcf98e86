import { describe, expect, it } from "vitest";
import { fileUnits, unitAt } from "./function-units.js";
import { unitChanges } from "./unit-changes.js";

const units = (source: string, path = "src/a.ts") => fileUnits(path, source)!;
const codes = (source: string) => units(source).units.map((u) => u.code);

describe("fileUnits", () => {
  it("lists every function a call can run, in document order, the enclosing one first", () => {
    const source = [
      "export function outer(a) {",
      "  const inner = (b) => b + 1;",
      "  return inner(a);",
      "}",
      "const o = { m() { return 1; }, get g() { return 2; } };",
      "class C { constructor() { this.x = 1; } run() { return function () { return 3; }; } }",
    ].join("\n");
    const file = units(source);
    const starts = file.units.map((u) => source.slice(u.start, u.start + 12));
    expect(starts).toEqual([
      "function out",
      "(b) => b + 1",
      "m() { return",
      "get g() { re",
      "class C { co",
      "run() { retu",
      "function () ",
    ]);
    // The constructor is the class's code: V8 counts a construction at the class or at it.
    expect(file.classStarts).toEqual([source.indexOf("constructor")]);
  });

  it("makes a class defined purely a unit the code around it sees by name only", () => {
    const pure = (body: string) => units(`class A extends B { ${body} }\n`);
    expect(pure("x = 1; run() { return 2; }").statements.map((s) => s.role)).toEqual(["definition"]);
    // Its instance side is its own code: a changed field value changes the class, not the module.
    const [a, b] = [pure("x = 1;"), pure("x = 2;")];
    expect(a.units[0]!.code).not.toBe(b.units[0]!.code);
    expect(a.statements[0]!.code).toBe(b.statements[0]!.code);
    for (const body of ["static y = make();", "static { init(); }", "[key]() {}", "@dec m() {}"]) {
      expect(pure(body).statements[0]!.role, body).toBe("effect");
    }
    expect(units("class A extends mixin(B) {}\n").statements[0]!.role).toBe("effect");
  });

  it("reads a function's own code: nested bodies, comments, types and layout are not part of it", () => {
    const a = codes("function f(x: number) {\n  // one\n  return [1].map((y) => y * 2);\n}\n");
    const b = codes("function f(x: string) {\n  return [1].map((y) => y * 3); /* two */\n}\n");
    expect(a[0]).toBe(b[0]);
    expect(a[1]).not.toBe(b[1]);
  });

  it("keeps a nested function's parameters in the enclosing code, and literals as written", () => {
    expect(codes("function f() { return (a) => a; }")[0]).not.toBe(
      codes("function f() { return (a, b) => a; }")[0],
    );
    expect(codes('function f() { return "a  b"; }')[0]).not.toBe(codes('function f() { return "a b"; }')[0]);
  });

  it("gives the role of each top-level statement", () => {
    const file = units(
      [
        'import { a } from "./a";',
        'import type { T } from "./t";',
        "export interface I { x: number }",
        "export function f() {}",
        "export const g = () => 1, h = function () {};",
        "export const table = { a: 1 };",
        'export * from "./star";',
        'export { a as b } from "./a";',
        "setup();",
      ].join("\n"),
    );
    expect(file.statements.map((s) => s.role)).toEqual([
      "load",
      "types",
      "types",
      "definition",
      "definition",
      "value",
      "load",
      "load",
      "effect",
    ]);
  });

  it("cannot read a file with a syntax error, a component or a data file", () => {
    expect(fileUnits("src/a.ts", "function (")).toBeUndefined();
    expect(fileUnits("src/App.vue", "<script>export default {}</script>")).toBeUndefined();
    expect(fileUnits("src/data.json", "{}")).toBeUndefined();
  });
});

describe("unitAt", () => {
  const source =
    "export default function () {\n  return 1;\n}\nconst f = /* pure */ (() => 2);\nclass K {}\n";
  const file = units(source);

  it("places a function at its start, or after `(`, comments or `export default` before it", () => {
    expect(unitAt(file, source, source.indexOf("function"))).toBe(0);
    expect(unitAt(file, source, 0)).toBe(0);
    expect(unitAt(file, source, source.indexOf("/* pure */"))).toBe(1);
  });

  it("places a class's construction in the class, and refuses anything else", () => {
    expect(unitAt(file, source, source.indexOf("class K"))).toBe(2);
    expect(unitAt(file, source, source.indexOf("return 1"))).toBeUndefined();
  });
});

describe("unitChanges", () => {
  const before = units("export function a() { return 1; }\nexport function b() { return 2; }\n");

  it("names the units whose code is gone, and nothing else", () => {
    const after = units("export function a() { return 1; }\nexport function b() { return 3; }\n");
    const changes = unitChanges(before, after);
    expect([...changes.changedUnits]).toEqual([1]);
    expect(changes.loadChanged).toBe(false);
  });

  it("reads moved functions and edited comments as no change", () => {
    const after = units(
      "// moved\nexport function b() { return 2; }\nexport function a() {\n  return 1;\n}\n",
    );
    expect(unitChanges(before, after)).toEqual({ loadChanged: false, changedUnits: new Set() });
  });

  it("sees a change to what loading runs: top-level code, the modules loaded in their order", () => {
    expect(
      unitChanges(
        before,
        units(`${"export function a() { return 1; }\nexport function b() { return 2; }\n"}init();\n`),
      ).loadReason,
    ).toBe("its top-level code changed");
    const load = (s: string) =>
      units(`${s}export function a() { return 1; }\nexport function b() { return 2; }\n`);
    expect(unitChanges(load('import "./x";\n'), load('import "./y";\n')).loadReason).toBe(
      "the modules it loads changed",
    );
    expect(
      unitChanges(load('import { p } from "./x";\n'), load('import { p, q } from "./x";\n')).loadChanged,
    ).toBe(false);
    const reexport = load('import { p } from "./x";\nexport { q } from "./x";\n');
    expect(unitChanges(load('import { p } from "./x";\n'), reexport).loadChanged).toBe(false);
    // A new function changes no code that runs: who can see its name is the graph's question.
    const added = units(
      "export function a() { return 1; }\nexport function b() { return 2; }\nexport function c() {}\n",
    );
    expect(unitChanges(before, added)).toEqual({ loadChanged: false, changedUnits: new Set() });
  });

  it("answers modules only added to the loads apart, for the caller to judge per test", () => {
    const load = (s: string) => units(`${s}export function a() { return 1; }\n`);
    expect(unitChanges(load('import "./x";\n'), load('import "./x";\nimport "./y";\n'))).toEqual({
      loadChanged: false,
      changedUnits: new Set(),
      addedLoads: ["./y"],
    });
    expect(
      unitChanges(load('import "./x";\nimport "./y";\n'), load('import "./y";\nimport "./x";\n')).loadReason,
    ).toBe("the modules it loads changed");
  });

  it("counts a changed value as a change to the functions reading it, not to loading", () => {
    const file = (limit: string, extra = "") =>
      units(
        `const LIMIT = ${limit};\nconst TABLE = new Map();\n${extra}function under(n) { return n < LIMIT; }\nfunction other() { return 1; }\n`,
      );
    expect(unitChanges(file("10"), file("5"))).toEqual({ loadChanged: false, changedUnits: new Set([0]) });
    // A value read by another value passes the change on; top-level code reading it changes loading.
    const derived = (limit: string) =>
      file(limit, "const TWICE = LIMIT * 2;\nfunction twice() { return TWICE; }\n");
    expect(unitChanges(derived("10"), derived("5")).changedUnits).toEqual(new Set([0, 1]));
    expect(unitChanges(file("10", "register(LIMIT);\n"), file("5", "register(LIMIT);\n")).loadReason).toBe(
      "its top-level code reads a changed value",
    );
    // Another module may import an exported one.
    const exported = (limit: string) => units(`export const LIMIT = ${limit};\n`);
    expect(unitChanges(exported("10"), exported("5")).loadReason).toBe("a value it exports changed");
    // A value made by a call is code that runs.
    expect(units("const t = makeTable();\n").statements[0]!.role).toBe("effect");
  });

  it("counts every copy of a duplicated function as changed when one goes", () => {
    const twice = units("const f = () => 1;\nconst g = () => 1;\n");
    const once = units("const f = () => 1;\nconst g = () => 2;\n");
    expect([...unitChanges(twice, once).changedUnits]).toEqual([0, 1]);
  });
});
