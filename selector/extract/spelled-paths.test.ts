import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

/** The reads a file makes, fs calls or not, as specifiers. */
const readsOf = (source: string, path = "src/app.ts") => [
  ...new Set(
    extractFacts(path, source)
      .imports.filter((r) => r.fsRead)
      .map((r) => r.specifier),
  ),
];

describe("paths a module spells from its own place", () => {
  it("tells a path kept as a value (a config's option) from one handed to a call", () => {
    const source = `import { resolve } from "node:path";
const SETUP = resolve(__dirname, "test/setup.ts");
export default {
  plugins: [yaml(resolve(__dirname, "data/site.yml"))],
  test: { setupFiles: [SETUP, resolve(__dirname, "test/env.ts")], alias: { "@": resolve(__dirname, "src") } },
};`;
    const reads = extractFacts("vitest.config.ts", source)
      .imports.filter((r) => r.fsRead)
      .map((r) => `${r.specifier}${r.spelledValue ? " (value)" : ""}`);
    expect(reads).toEqual([
      "./data/site.yml",
      "./test/env.ts (value)",
      "./src (value)",
      "./test/setup.ts (value)",
    ]);
  });

  it("reads a path a config hands to the tests (test.env, provide, Jest's globals), not only to a call", () => {
    const source = `import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
export default {
  test: {
    env: { FIXTURES_DIR: resolve(__dirname, "test/fixtures"), CASES: fileURLToPath(new URL("./cases", import.meta.url)) },
    provide: { "data-dir": resolve(__dirname, "data") },
    alias: { "@": resolve(__dirname, "src") },
  },
  globals: { SAMPLES: resolve(__dirname, "samples") },
};`;
    const reads = extractFacts("vitest.config.ts", source)
      .imports.filter((r) => r.fsRead)
      .map((r) => `${r.specifier}${r.spelledValue ? " (value)" : ""}`);
    expect(reads).toEqual(["./test/fixtures", "./cases", "./data", "./src (value)", "./samples"]);
  });

  it("reads a file or folder spelled from the module's folder, URL or the process's folder", () => {
    const source = `import { join, resolve } from "node:path";
import express from "express";
const app = express();
app.use(express.static(join(__dirname, "..", "public")));
app.set("views", new URL("./views/", import.meta.url).pathname);
export const db = openDatabase(resolve(process.cwd(), "data", "app.sqlite"));`;
    expect(readsOf(source)).toEqual(["../public", "./views", "../data/app.sqlite"]);
  });

  it("follows a constant into the paths built from it, and reads its own value where it is handed on", () => {
    const source = `import { join } from "node:path";
const ASSETS = join(__dirname, "assets");
const VIEWS = join(__dirname, "views");
export const logo = () => load(join(ASSETS, "logo.svg"));
app.set("views", VIEWS);`;
    expect(readsOf(source)).toEqual(["./assets/logo.svg", "./views"]);
  });

  it("leaves out the module itself, its folder and the folders above it", () => {
    const source = `import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
const here = dirname(fileURLToPath(import.meta.url));
const root = join(__dirname, "..");
export const where = [here, root, __filename, process.cwd()];`;
    expect(readsOf(source, "src/deep/app.ts")).toEqual([]);
  });

  it("reads an exported constant's folder where it is declared: its importers may read any file of it", () => {
    const esm = `import { join } from "node:path";
export const FIXTURES = join(import.meta.dirname, "..", "fixtures");
const SAMPLES = join(import.meta.dirname, "samples");
const LOCAL = join(import.meta.dirname, "local");
export { SAMPLES };`;
    expect(readsOf(esm, "test/support/paths.ts")).toEqual(["../fixtures", "./samples"]);
    const cjs = `const path = require("node:path");
const FIXTURES = path.join(__dirname, "fixtures");
module.exports = { FIXTURES };`;
    expect(readsOf(cjs, "test/paths.js")).toEqual(["./fixtures"]);
  });

  it("reads every file of a known folder a run-time name is joined to, not the module's own folder", () => {
    const source = `import { join } from "node:path";
export function fixturePath(name: string) {
  return join(import.meta.dirname, "..", "fixtures", name);
}
export const here = (name: string) => join(__dirname, name);
export const above = (name: string) => join(__dirname, "..", name);`;
    expect(readsOf(source, "test/support/paths.ts")).toEqual(["../fixtures/**"]);
  });
});
