import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";
import { parserBackendSpec, useParserBackend } from "./parser.js";
import { extractRunnerConfig } from "./runner-config.js";
import { installedWasmSpec } from "./wasm-backend.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/.test(name)) out.push(path);
  }
  return out;
}

afterAll(async () => {
  await useParserBackend({ kind: "native" });
});

describe("the WASM parser backend", () => {
  it("extracts exactly what the native addon extracts, file for file", async () => {
    const files = [...sources(join(ROOT, "selector")), ...sources(join(ROOT, "test", "fixtures"))].map(
      (path) => ({ path: relative(ROOT, path), source: readFileSync(path, "utf8") }),
    );
    // Odd inputs too: non-ASCII offsets, syntax errors, `export type *`, variance modifiers.
    files.push(
      { path: "odd/utf16.ts", source: 'const é = "😀";\nimport { a } from "./a";\nexport const b = a;\n' },
      { path: "odd/broken.ts", source: 'import { x } from "./x";\nexport function (\nimport "./y";\n' },
      { path: "odd/star.ts", source: 'export type * from "./types";\ninterface Box<out T> { v: T }\n' },
      { path: "odd/lazy.jsx", source: 'const m = await import("./m.js");\nexport default () => <div/>;\n' },
    );
    await useParserBackend({ kind: "native" });
    const native = files.map((f) => extractFacts(f.path, f.source));
    await useParserBackend(installedWasmSpec());
    expect(parserBackendSpec().kind).toBe("wasm");
    const wasm = files.map((f) => extractFacts(f.path, f.source));
    expect(files.length).toBeGreaterThan(300);
    for (let i = 0; i < files.length; i++)
      expect([files[i]!.path, wasm[i]]).toEqual([files[i]!.path, native[i]]);
  });

  it("reads runner configs the same way", async () => {
    const config =
      'export default { test: { setupFiles: ["./setup.ts"], include: ["src/**/*.test.ts"] } };\n';
    await useParserBackend({ kind: "native" });
    const native = extractRunnerConfig("vitest.config.ts", config);
    await useParserBackend(installedWasmSpec());
    expect(extractRunnerConfig("vitest.config.ts", config)).toEqual(native);
    expect(native?.setupFiles).toEqual(["./setup.ts"]);
  });
});
