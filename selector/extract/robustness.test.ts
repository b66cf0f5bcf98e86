import { describe, expect, it } from "vitest";
import { extractFacts, extractFactsFallback, MAX_PARSED_CHARS } from "./extract-facts.js";

describe("files that are not clean TypeScript", () => {
  it("counts syntax errors and still takes what it can, imports inside the ERROR too", () => {
    const source = [
      `import { a } from "./a";`,
      `const broken = (1 + ;`,
      `import { b } from "./b";`,
      `export function ok() { return a; }`,
    ].join("\n");
    const facts = extractFacts("src/broken.ts", source);
    expect(facts.syntaxErrors).toBeGreaterThan(0);
    expect(facts.imports.map((r) => r.specifier)).toEqual(["./a", "./b"]);
    expect(facts.declarations.find((d) => d.names.includes("ok"))?.references).toEqual(["a"]);
  });

  it("recovers imports swallowed by an ERROR node as whole-module edges", () => {
    const source = `function f( {\nimport { x } from "./x";\nexport * from "./y";\n`;
    const facts = extractFacts("src/broken.ts", source);
    expect(facts.syntaxErrors).toBeGreaterThan(0);
    expect(facts.imports.map((r) => [r.specifier, r.kind, r.names])).toEqual([
      ["./x", "static", "*"],
      ["./y", "reexport-all", "*"],
    ]);
  });

  it("reads JSX components as references", () => {
    const source = `import { Button } from "./button";\nconst Icon = () => <svg />;\nexport function App() {\n  return <Button icon={<Icon />}>hi</Button>;\n}\n`;
    const facts = extractFacts("src/app.tsx", source);
    expect(facts.syntaxErrors).toBe(0);
    expect(facts.declarations.at(-1)).toEqual({
      names: ["App"],
      kind: "function",
      range: { start: 3, end: 5 },
      exportedAs: ["App"],
      references: ["Button", "Icon"],
    });
  });

  it("parses JavaScript with JSX through the tsx grammar", () => {
    const facts = extractFacts(
      "src/app.jsx",
      `import React from "react";\nexport const A = () => <div>{React.version}</div>;`,
    );
    expect(facts.syntaxErrors).toBe(0);
    expect(facts.declarations[0]?.references).toEqual(["React"]);
  });

  it("reads a CommonJS .cjs file", () => {
    const source = `"use strict";\nconst { join } = require("node:path");\nconst lib = require("./lib.cjs");\nmodule.exports = { run: () => lib.go(join("a")) };\n`;
    const facts = extractFacts("scripts/run.cjs", source);
    expect(facts.syntaxErrors).toBe(0);
    expect(facts.imports).toEqual([
      {
        specifier: "node:path",
        kind: "require",
        names: ["join"],
        locals: ["join"],
        typeOnly: false,
        line: 2,
      },
      {
        specifier: "./lib.cjs",
        kind: "require",
        names: "*",
        namespaceLocal: "lib",
        members: ["go"],
        typeOnly: false,
        line: 3,
      },
    ]);
    // `module.exports = …` is a statement: it reads `lib.go`, so a change to `go` reaches it.
    expect(facts.statements.map((s) => s.references)).toEqual([[], ["lib.go", "join"]]);
  });

  it("never throws on random bytes", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 30; round++) {
      const bytes = Buffer.from(Array.from({ length: 2000 }, () => random() % 256));
      for (const path of ["x.ts", "x.tsx", "x.js"]) {
        const facts = extractFacts(path, bytes.toString("utf8"));
        expect(Array.isArray(facts.imports)).toBe(true);
      }
    }
    const surrogates = "\ud800import x from './y';\udfff`${";
    expect(() => extractFacts("x.ts", surrogates)).not.toThrow();
  });

  it("does not parse a file with a NUL byte, but still reads its imports by text", () => {
    const facts = extractFacts("src/a.ts", `import { a } from "./a";\u0000\nconst b = require("./b");`);
    expect(facts.note).toMatch(/NUL/);
    expect(facts.imports.map((r) => [r.specifier, r.kind, r.names, r.line])).toEqual([
      ["./a", "static", "*", 1],
      ["./b", "require", "*", 2],
    ]);
  });

  it("does not parse a file above the size limit", () => {
    const source = `export * from "./x";\n${"// filler line\n".repeat(MAX_PARSED_CHARS / 15 + 1)}`;
    const facts = extractFacts("src/huge.ts", source);
    expect(facts.note).toMatch(/larger than/);
    expect(facts.imports).toEqual([
      { specifier: "./x", kind: "reexport-all", names: "*", typeOnly: false, line: 1 },
    ]);
  });

  it("parses a 1.5 MB generated file", () => {
    const block = (i: number) =>
      `export function f${i}(x: number): number {\n  return f${i > 0 ? i - 1 : i}(x) + ${i};\n}\n`;
    const parts = [`import { seed } from "./seed";`];
    for (let i = 0, length = 0; length < 1.5e6; i += 1) {
      parts.push(block(i));
      length += parts.at(-1)!.length + 1;
    }
    const source = parts.join("\n");
    expect(source.length).toBeGreaterThan(1.5e6);
    const facts = extractFacts("src/generated.ts", source);
    expect(facts.note).toBeUndefined();
    expect(facts.syntaxErrors).toBe(0);
    expect(facts.declarations.length).toBe(parts.length - 1);
    expect(facts.declarations.at(-1)?.range.end).toBe(source.split("\n").length - 1);
  });

  it("gives files of other kinds no facts and a note", () => {
    expect(extractFacts("data/a.json", `{"import": "x"}`)).toEqual(
      extractFactsFallback("", "not parsed: not a JavaScript or TypeScript source"),
    );
  });
});
