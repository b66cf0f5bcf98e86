import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

const importsOf = (source: string) => extractFacts("test/compile.test.ts", source).imports;
const template = (specifier: string, line: number) => ({
  specifier,
  kind: "template",
  names: "*",
  typeOnly: false,
  line,
});

describe("imports written inside strings", () => {
  it("reads an import in a template literal", () => {
    expect(importsOf('const code = `import { x } from "../../src"`;')).toEqual([template("../../src", 1)]);
  });

  it("reads an import in a single- or double-quoted string, escaped quotes included", () => {
    const source = `const a = 'import {x} from "../src/index"';\nconst b = "export * from \\"../src\\"";`;
    expect(importsOf(source)).toEqual([template("../src/index", 1), template("../src", 2)]);
  });

  it("reads require in a string and gives each line of a multi-line template", () => {
    const source = "const code = `\nconst a = require('../src/a');\nimport b from '../src/b';\n`;";
    expect(importsOf(source)).toEqual([template("../src/a", 2), template("../src/b", 3)]);
  });

  it("ignores real imports, comments and computed specifiers", () => {
    // The `${dir}` is source text under test, not a placeholder of this string.
    const computed = ['const c = `import z from "$', '{dir}/z"`;'].join("");
    const source = `import { x } from './real';\n// import y from './comment';\n${computed}`;
    expect(importsOf(source)).toEqual([
      { specifier: "./real", kind: "static", names: ["x"], locals: ["x"], typeOnly: false, line: 1 },
    ]);
  });
});
