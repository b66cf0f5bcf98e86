// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the sources under test are JavaScript with template literals.
import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

const computed = (source: string) =>
  extractFacts("src/a.ts", source)
    .imports.filter((r) => r.computed)
    .map((r) => ({ kind: r.kind, computed: r.computed, specifier: r.specifier }));

describe("specifiers built at run time", () => {
  it("a template literal names every file of its folder, and the folders below", () => {
    expect(computed("const m = await import(`./locales/${lang}.ts`);")).toEqual([
      { kind: "dynamic", computed: "pattern", specifier: "./locales/*.ts" },
      { kind: "dynamic", computed: "pattern", specifier: "./locales/*/**" },
    ]);
  });

  it("a concatenation, with the emitted .js extension matching TypeScript sources", () => {
    expect(computed(`const m = require("./x/" + name + ".js");`)).toEqual([
      { kind: "require", computed: "pattern", specifier: "./x/*.{js,jsx,ts,tsx}" },
      { kind: "require", computed: "pattern", specifier: "./x/*/**" },
    ]);
  });

  it("keeps static text before the value in the file name, and drops what stands between values", () => {
    expect(computed("import(`../data/case-${a}-${b}/index.ts`);").map((r) => r.specifier)).toEqual([
      "../data/case-*/**",
    ]);
  });

  it("a value with no static folder before it can name anything", () => {
    expect(computed("import(name);\nimport(`${base}/x.js`);\nimport(`@scope/${pkg}`);")).toEqual([
      { kind: "dynamic", computed: "unknown", specifier: "name" },
      { kind: "dynamic", computed: "unknown", specifier: "`${base}/x.js`" },
      { kind: "dynamic", computed: "unknown", specifier: "`@scope/${pkg}`" },
    ]);
  });

  it("a package's subpath built at run time stays a pattern under that package", () => {
    expect(computed("import(`lodash/${name}`);").map((r) => r.specifier)).toEqual([
      "lodash/*",
      "lodash/*/**",
    ]);
  });

  it("new URL with a template literal", () => {
    expect(computed("const u = new URL(`./img/${x}.png`, import.meta.url);")).toEqual([
      { kind: "url", computed: "pattern", specifier: "./img/*.png" },
      { kind: "url", computed: "pattern", specifier: "./img/*/**" },
    ]);
  });
});

describe("calls a type argument or createRequire hides", () => {
  const imports = (source: string) =>
    extractFacts("src/a.ts", source).imports.map((r) => ({ kind: r.kind, specifier: r.specifier }));

  it("import.meta.glob<T>(…) and vi.importActual<typeof import('…')>(…)", () => {
    const source = [
      `const all = import.meta.glob<{ name: string }>("./plugins/*.ts", { eager: true });`,
      `const real = await vi.importActual<typeof import("./b")>("./b");`,
    ].join("\n");
    // The grammar reads the second line as comparisons around `import("./b")`: the module is
    // still loaded, and read whole by `real`.
    expect(imports(source)).toEqual([
      { kind: "glob", specifier: "./plugins/*.ts" },
      { kind: "dynamic", specifier: "./b" },
    ]);
  });

  it("a require made by createRequire", () => {
    const source = `import { createRequire } from "node:module";\nconst load = createRequire(import.meta.url);\nconst x = load("./x.cjs");`;
    expect(imports(source)).toContainEqual({ kind: "require", specifier: "./x.cjs" });
  });

  it("a require createRequire makes, called where it is made, and read by what the code takes", () => {
    const source = [
      `import module, { createRequire } from "node:module";`,
      `const { label } = createRequire(import.meta.url)("./legacy.cjs");`,
      `const other = module.createRequire(import.meta.url)(\`./locales/\${lang}.cjs\`);`,
      `const made = createRequire(import.meta.url);`,
    ].join("\n");
    const records = extractFacts("src/a.ts", source).imports.filter((r) => r.kind === "require");
    expect(records.map((r) => [r.specifier, r.computed, r.names])).toEqual([
      ["./legacy.cjs", undefined, ["label"]],
      ["./locales/*.{cjs,cts}", "pattern", "*"],
      ["./locales/*/**", "pattern", "*"],
    ]);
  });
});
