import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

const importsOf = (source: string, path = "test/a.test.ts") => extractFacts(path, source).imports;

describe("imports made by calls", () => {
  it("narrows a destructured require to its names", () => {
    expect(importsOf(`const { a, b: c } = require("./x");`)).toEqual([
      { specifier: "./x", kind: "require", names: ["a", "b"], locals: ["a", "c"], typeOnly: false, line: 1 },
    ]);
  });

  it("reads a whole-module require, bound or bare", () => {
    expect(importsOf(`const m = require("./m");\nrequire("./side");\nexport const f = () => m;`)).toEqual([
      { specifier: "./m", kind: "require", names: "*", namespaceLocal: "m", typeOnly: false, line: 1 },
      // Loaded for its side effects only: nothing is read, loading it still runs it.
      {
        specifier: "./side",
        kind: "require",
        names: "*",
        namespaceLocal: "import@2:1",
        members: [],
        typeOnly: false,
        line: 2,
      },
    ]);
  });

  it("keeps a require with a rest element whole", () => {
    expect(importsOf(`const { a, ...rest } = require("./x");`)[0]?.names).toBe("*");
  });

  it("reads import() with a string or a plain template, and narrows an awaited destructuring", () => {
    const source = `const lazy = () => import("./lazy");\nconst { a } = await import(\`./b\`);`;
    expect(importsOf(source)).toEqual([
      // Returned to whoever calls `lazy`: the module counts whole for `lazy`.
      {
        specifier: "./lazy",
        kind: "dynamic",
        names: "*",
        namespaceLocal: "import@1:20",
        typeOnly: false,
        line: 1,
      },
      { specifier: "./b", kind: "dynamic", names: ["a"], locals: ["a"], typeOnly: false, line: 2 },
    ]);
  });

  it("reads vi and jest mocks and actual-module loads", () => {
    const source = [
      `vi.mock("./a", () => ({}));`,
      `vi.doMock("./b");`,
      `jest.mock("./c");`,
      `const real = await vi.importActual("./d");`,
      `const r = jest.requireActual("./e");`,
      `other.mock("./not-a-mock");`,
    ].join("\n");
    expect(importsOf(source).map((r) => [r.kind, r.specifier, r.line])).toEqual([
      ["mock", "./a", 1],
      ["mock", "./b", 2],
      ["mock", "./c", 3],
      ["mock", "./d", 4],
      ["mock", "./e", 5],
    ]);
  });

  it("reads new URL(…, import.meta.url), but not a URL without it", () => {
    const source = `const worker = new URL("./worker.ts", import.meta.url);\nconst site = new URL("https://x.dev");`;
    expect(importsOf(source, "src/a.ts")).toEqual([
      { specifier: "./worker.ts", kind: "url", names: "*", typeOnly: false, line: 1 },
    ]);
  });

  it("reads import.meta.glob patterns, one record per positive pattern", () => {
    const source = `const one = import.meta.glob("./pages/*.ts");\nconst many = import.meta.glob(["./a/*.ts", "!./a/skip.ts", "./b/*.ts"], { eager: true });`;
    expect(importsOf(source, "src/a.ts")).toEqual([
      { specifier: "./pages/*.ts", kind: "glob", names: "*", typeOnly: false, line: 1 },
      { specifier: "./a/*.ts", kind: "glob", names: "*", ignore: ["./a/skip.ts"], typeOnly: false, line: 2 },
      { specifier: "./b/*.ts", kind: "glob", names: "*", ignore: ["./a/skip.ts"], typeOnly: false, line: 2 },
    ]);
  });

  it("reads require.resolve as an asset", () => {
    expect(importsOf(`const path = require.resolve("./fixture.json");`)).toEqual([
      { specifier: "./fixture.json", kind: "asset", names: "*", typeOnly: false, line: 1 },
    ]);
  });

  it("finds calls nested deep in test bodies", () => {
    const source = `describe("x", () => {\n  it("y", async () => {\n    const { f } = await import("../src/f");\n  });\n});`;
    expect(importsOf(source)).toEqual([
      {
        specifier: "../src/f",
        kind: "dynamic",
        names: "*",
        namespaceLocal: "import@3:25",
        members: ["f"],
        typeOnly: false,
        line: 3,
      },
    ]);
  });
});

describe("import.meta.glob options", () => {
  it("carries negative patterns and the query to each positive pattern", () => {
    const source = `const raw = import.meta.glob(["./a/*.ts", "./b/*.ts", "!./a/skip.ts"], { query: "?raw", import: "default" });\nconst urls = import.meta.glob("./img/*.png", { as: "url" });`;
    expect(importsOf(source)).toEqual([
      {
        specifier: "./a/*.ts",
        kind: "glob",
        names: "*",
        ignore: ["./a/skip.ts"],
        query: "?raw",
        typeOnly: false,
        line: 1,
      },
      {
        specifier: "./b/*.ts",
        kind: "glob",
        names: "*",
        ignore: ["./a/skip.ts"],
        query: "?raw",
        typeOnly: false,
        line: 1,
      },
      { specifier: "./img/*.png", kind: "glob", names: "*", query: "?url", typeOnly: false, line: 2 },
    ]);
  });
});

describe("in-source tests", () => {
  it("marks a file that holds import.meta.vitest, as Vitest's own text check does", () => {
    const source =
      "export const one = 1;\nif (import.meta.vitest) {\n  import.meta.vitest.it('one', () => {});\n}\n";
    expect(extractFacts("src/one.ts", source).inSourceTests).toBe(true);
    expect(extractFacts("src/two.ts", "export const two = 2;\n").inSourceTests).toBeUndefined();
  });
});
