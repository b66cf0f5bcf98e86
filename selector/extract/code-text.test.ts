import { describe, expect, it } from "vitest";
import { codeText } from "./code-text.js";

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
