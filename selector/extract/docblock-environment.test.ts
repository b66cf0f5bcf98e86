import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

// Spelled apart: Vitest reads `@jest-environment <name>` anywhere in a test file's text.
const TAG = ["@jest", "environment"].join("-");

const environments = (source: string, path = "test/a.test.js") =>
  extractFacts(path, source)
    .imports.filter((r) => r.kind === "asset")
    .map((r) => `${r.specifier}:${r.line}`);

describe("a Jest environment a test's docblock names by path", () => {
  it("names the file under the root and each folder down to the test (Jest's rootDir is one of them)", () => {
    const source = `/**\n * ${TAG} ./test/env.js\n */\ntest("x", () => {});`;
    expect(environments(source)).toEqual(["./env.js:2", "./test/env.js:2"]);
    expect(environments(source, "packages/app/test/a.test.js")).toEqual([
      "../../../test/env.js:2",
      "../../test/env.js:2",
      "./env.js:2",
      "./test/env.js:2",
    ]);
  });

  it("reads <rootDir> and a shebang before the block, not a package name or a later comment", () => {
    expect(environments(`#!/usr/bin/env node\n/** ${TAG} <rootDir>/env.js */`, "a.test.js")).toEqual([
      "./env.js:2",
    ]);
    expect(environments(`/** ${TAG} jsdom */`)).toEqual([]);
    expect(environments(`import x from "y";\n/** ${TAG} ./env.js */`)).toEqual([]);
    expect(environments(`// @vitest-${TAG.slice(6)} ./env.js\nconst a = 1;`)).toEqual([]);
  });
});
