import { beforeAll, describe, expect, it } from "vitest";
import {
  type CodeTokens,
  type ExactSyntaxCheck,
  loadCodeTokens,
  loadExactSyntaxCheck,
} from "./exact-syntax.js";

let check: ExactSyntaxCheck;
let tokens: CodeTokens;
beforeAll(async () => {
  check = await loadExactSyntaxCheck();
  tokens = await loadCodeTokens();
});

describe("exact syntax check", () => {
  // Valid code tree-sitter-typescript 0.23 reads with ERROR nodes (zustand's six files).
  it.each([
    [
      "call signatures over several lines in a type literal",
      "src/store.ts",
      "type S<T> = {\n  (l: (s: T) => void): () => void\n  <U>(\n    sel: (s: T) => U,\n  ): () => void\n}\nexport type { S };\n",
    ],
    [
      "a type argument naming `typeof import()`",
      "test/ssr.test.tsx",
      "const m = await vi.importActual<typeof import('react-dom/client')>(\n  'react-dom/client',\n)\nexport const C = () => <div>{String(m)}</div>;\n",
    ],
    [
      "legacy decorators, parameters too",
      "src/a.ts",
      "@D() export class A { @D() x = 1; m(@D() p: string) {} }\n",
    ],
    ["standard decorators and accessors", "src/a.ts", "export @D class A { @D accessor x = 1 }\n"],
    [
      "`using` declarations",
      "src/a.ts",
      "export async function f() { await using y = g(); using x = g(); }\n",
    ],
    [
      "a sloppy-mode script",
      "lib/a.js",
      "var interface = 1; with (Math) { x = PI }\nmodule.exports = interface;\n",
    ],
    ["a CommonJS return", "lib/a.cjs", "if (!process.env.X) return;\nmodule.exports = 1;\n"],
    [
      "a declaration file",
      "types/a.d.ts",
      "declare module 'x' { export function f(): void }\nexport declare const h: number;\n",
    ],
    ["JSX in a .js file", "src/a.js", "export const A = () => <div>hi</div>;\n"],
  ])("accepts %s", (_what, path, source) => {
    expect(check(path, source)).toBeUndefined();
  });

  it.each([
    ["an arrow after void (tree-sitter accepts it)", "export const f = void (a) => a;\n", 1],
    ["an operator with no operand", "export function f() {\n  return 2 +;\n}\n", 2],
    ["await in a function that is not async", "export function f() {\n  await g();\n}\n", 2],
    ["a name declared twice", "const a = 1;\nconst a = 2;\nexport { a };\n", 2],
    ["a missing brace", "export function f(a: number) {\n  if (a) {\n    return 1;\n}\n", 5],
  ])("rejects %s, at its line", (_what, source, line) => {
    expect(check("src/a.ts", source)).toMatchObject({ line });
  });

  it("leaves components alone: their script is not the whole file", () => {
    expect(check("src/A.vue", "<template><div></template>")).toBeUndefined();
  });
});

describe("code tokens", () => {
  const code = "export function f(a: number) {\n  return a + 1;\n}\n";
  it("are the same whatever the comments, indentation and spaces", () => {
    const other = "/** Doc. */\nexport function f(a:number){\n      // why\n      return a+1; /* one */\n}";
    expect(tokens("src/a.ts", other)).toEqual(tokens("src/a.ts", code));
  });

  it("differ where a line break may end a statement, and where the code differs", () => {
    expect(tokens("src/a.ts", code.replace("return a", "return\n  a"))).not.toEqual(tokens("src/a.ts", code));
    expect(tokens("src/a.ts", code.replace("+ 1", "+ 2"))).not.toEqual(tokens("src/a.ts", code));
    expect(tokens("src/a.ts", code.replace("'", '"'))).toEqual(tokens("src/a.ts", code));
  });

  it("keep a comment the compiler reads (`// @ts-expect-error`, `// @ts-nocheck`)", () => {
    const directive = code.replace("  return", "  // @ts-expect-error\n  return");
    expect(tokens("src/a.ts", directive)).not.toEqual(tokens("src/a.ts", code));
    expect(tokens("src/a.ts", `// @ts-nocheck\n${code}`)).not.toEqual(tokens("src/a.ts", code));
  });

  it("are undefined for code no reading parses", () => {
    expect(tokens("src/a.ts", "export const f = void (a) => a;")).toBeUndefined();
  });
});
