import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";
import { parserBackendSpec, useParserBackend } from "./parser.js";
import { installedWasmSpec, wasmSpecIn } from "./wasm-backend.js";

const shipped = mkdtempSync(join(tmpdir(), "superplane-wasm-"));

afterAll(async () => {
  await useParserBackend(installedWasmSpec());
  rmSync(shipped, { recursive: true, force: true });
});

describe("the WASM parser", () => {
  it("loads from the one folder the bundled action ships, and parse workers get the same files", async () => {
    const installed = installedWasmSpec();
    for (const file of [installed.runtime, installed.grammars.typescript, installed.grammars.tsx])
      copyFileSync(file, join(shipped, basename(file)));
    await useParserBackend(wasmSpecIn(shipped));
    expect(parserBackendSpec()).toEqual(wasmSpecIn(shipped));
    const facts = extractFacts("src/a.ts", 'import { b } from "./b";\nexport const a = b;\n');
    expect(facts.imports.map((i) => i.specifier)).toEqual(["./b"]);
  });

  it("counts offsets in UTF-16 code units, as JavaScript strings do", () => {
    const source = 'const é = "😀";\nimport { a } from "./a";\nexport const b = a;\n';
    const facts = extractFacts("odd/utf16.ts", source);
    expect(facts.imports[0]).toMatchObject({ specifier: "./a", line: 2 });
    const exported = facts.declarations.find((d) => d.names.includes("b"));
    expect(exported).toMatchObject({ exportedAs: ["b"], references: ["a"] });
  });

  it("reads what a syntax error leaves, and JSX in .jsx files", () => {
    const broken = extractFacts(
      "odd/broken.ts",
      'import { x } from "./x";\nexport function (\nimport "./y";\n',
    );
    expect(broken.imports.map((i) => i.specifier)).toContain("./x");
    const lazy = extractFacts(
      "odd/lazy.jsx",
      'const m = await import("./m.js");\nexport default () => <div/>;\n',
    );
    expect(lazy.imports.map((i) => i.specifier)).toEqual(["./m.js"]);
  });
});
