import { describe, expect, it } from "vitest";
import { codeText, runtimeCodeText } from "./code-text.js";

const all = (source: string) => codeText("src/a.ts", source)?.({ start: 1, end: source.split("\n").length });

describe("codeText", () => {
  it("reads an edit of comments or indentation as no change", () => {
    const before = "export function f(x: number) {\n  // doubles it\n  return x * 2; /* fast */\n}\n";
    const after = "export function f(x: number) {\n    // doubles the input\n    return x * 2;\n}\n";
    expect(all(before)).toBe(all(after));
  });

  it("keeps a comment the compiler reads: TypeScript's directives, references and JSX pragmas", () => {
    const body = "export function f(x: number) {\n  return x * 2;\n}\n";
    const before = `export function f(x: number) {\n  return x * 2;\n}\n`;
    expect(all(before)).not.toBe(all(body.replace("  return", "  // @ts-expect-error\n  return")));
    expect(all(before)).not.toBe(all(body.replace("  return", "  /* @ts-ignore */ return")));
    expect(all(`// @ts-nocheck\n${body}`)).not.toBe(all(body));
    expect(all(`/// <reference types="vite/client" />\n${body}`)).not.toBe(all(body));
    expect(all(`/** @jsxImportSource preact */\n${body}`)).not.toBe(all(body));
    expect(all(`// a note on @ts and jsx\n${body}`)).toBe(all(body));
  });

  it("keeps literals as written: white space inside a string is code", () => {
    expect(all('const s = "a  b";\n')).not.toBe(all('const s = "a b";\n'));
    expect(all("const t = `a\n  b`;\n")).not.toBe(all("const t = `a\nb`;\n"));
    expect(all('const s = "// not a comment";\n')).not.toBe(all('const s = "";\n'));
  });

  it("keeps a line break apart from a space, since one can end a statement", () => {
    expect(all("function f() {\n  return\n  1;\n}\n")).not.toBe(all("function f() {\n  return 1;\n}\n"));
    expect(all("const a = b\n(c);\n")).not.toBe(all("const a = b\n;(c);\n"));
  });

  it("drops white space beside tokens that cannot merge, keeps it between those that can", () => {
    expect(all("f( a , b );\n")).toBe(all("f(a,b);\n"));
    expect(all("call({\n  a: 1,\n});\n")).toBe(all("call({ a: 1, });\n"));
    expect(all("const x = a + +b;\n")).not.toBe(all("const x = a ++b;\n"));
    expect(all("const x = typeof y;\n")).not.toBe(all("const x = typeofy;\n"));
  });

  it("reads only the lines asked for", () => {
    const code = codeText("src/a.ts", "const a = 1; // one\nconst b = 2;\n")!;
    expect(code({ start: 1, end: 1 })).toBe("const a = 1;");
    expect(code({ start: 2, end: 2 })).toBe("const b = 2;");
  });

  it("cannot read a file with a syntax error or a component", () => {
    expect(codeText("src/a.ts", "const = ;\n")).toBeUndefined();
    expect(codeText("src/App.vue", "<script>const a = 1;</script>\n")).toBeUndefined();
  });
});

describe("runtimeCodeText", () => {
  const run = (source: string, path = "src/a.ts") =>
    runtimeCodeText(path, source)?.({ start: 1, end: source.split("\n").length });

  it("reads an edit of annotations, type arguments or type parameters alone as no change", () => {
    const before =
      "class R<T> {\n  register(value: T, id?: string): void {\n    this.m = new Map<string, T>();\n  }\n}\n";
    const after =
      "class R<U> {\n  register(value: number, id?: string): number {\n    this.m = new Map<T, T>();\n  }\n}\n";
    expect(run(before)).toBe(run(after));
    expect(all(before)).not.toBe(all(after));
    expect(run("function is(x: unknown): x is string { return true; }\n")).toBe(
      run("function is(x: unknown): x is number { return true; }\n"),
    );
  });

  it("keeps what runs: the code, modifiers that make fields, `as` and an optional mark", () => {
    expect(run("const f = (v: T): T => v;\n")).not.toBe(run("const f = (v: T): T => !v;\n"));
    expect(run("class A { constructor(private x: T) {} }\n")).not.toBe(
      run("class A { constructor(x: T) {} }\n"),
    );
    expect(run("const y = x as T;\n")).not.toBe(run("const y = x as U;\n"));
    expect(run("function f(a?: T) {}\n")).not.toBe(run("function f(a: T) {}\n"));
  });

  it("erases nothing in JavaScript, nor in a file with decorators (emitDecoratorMetadata emits types)", () => {
    expect(runtimeCodeText("src/a.js", "const a = f < b > (c);\n")).toBeUndefined();
    expect(run("class A {\n  @inject() dep: Foo;\n}\n")).toBeUndefined();
    expect(run("const f = (v: T) => v;\n", "src/a.tsx")).toBe(run("const f = (v: U) => v;\n", "src/a.tsx"));
  });
});
