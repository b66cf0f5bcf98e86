import { describe, expect, it } from "vitest";
import { moduleScope } from "./config-scope.js";
import { languageFor, withTree } from "./parser.js";
import { evaluate, evaluateList, REPO_ROOT, relativeToDir, repoPathOf } from "./static-value.js";

/** Evaluates `export default <expression>` in a config at `path`, after `prelude`. */
function configValue(expression: string, prelude = "", path = "app/vite.config.ts"): string | undefined {
  const source = `${prelude}\nexport default ${expression};\n`;
  return withTree(source, languageFor(path)!, ({ rootNode }) => {
    const exported = rootNode.namedChildren.find((n) => n.type === "export_statement");
    const value = exported?.childForFieldName("value") ?? exported?.namedChildren.at(-1);
    const result = evaluate(value, moduleScope(rootNode, path));
    return result === undefined ? undefined : relativeToDir(result, "app");
  });
}

describe("evaluate: the path helpers configs write around literals", () => {
  it("reads literals, templates and concatenations", () => {
    expect(configValue(`"./src"`)).toBe("./src");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the config's code.
    expect(configValue("`${__dirname}/src`")).toBe("./src");
    expect(configValue(`__dirname + "/test/setup.ts"`)).toBe("./test/setup.ts");
    expect(configValue(`import.meta.dirname + "/x"`)).toBe("./x");
    expect(configValue(`process.cwd() + "/x"`)).toBe("./x");
  });

  it("follows node:path in its import forms, and require", () => {
    expect(configValue(`path.resolve(__dirname, "src")`, `import path from "node:path";`)).toBe("./src");
    expect(configValue(`path.join(__dirname, "..", "lib")`, `import * as path from "path";`)).toBe("../lib");
    expect(configValue(`resolve(__dirname, "./a/", "b")`, `import { resolve } from "node:path";`)).toBe(
      "./a/b",
    );
    expect(configValue(`j(__dirname, "s")`, `import { join as j } from "pathe";`)).toBe("./s");
    expect(configValue(`path.resolve("src")`, `const path = require("path");`)).toBe("./src");
    expect(configValue(`join(__dirname, "s")`, `const { join } = require("node:path");`)).toBe("./s");
    expect(configValue(`path.posix.join(__dirname, "s")`, `import path from "node:path";`)).toBe("./s");
  });

  it("follows URLs of import.meta.url and constants, also inside functions", () => {
    const url = `import { fileURLToPath, URL } from "node:url";`;
    expect(configValue(`fileURLToPath(new URL("./src", import.meta.url))`, url)).toBe("./src");
    expect(configValue(`new URL("../lib/", import.meta.url).pathname`)).toBe("../lib/");
    const dirname = `import path from "node:path";\nimport { fileURLToPath } from "node:url";\nconst __dirname = path.dirname(fileURLToPath(import.meta.url));`;
    expect(configValue(`path.resolve(__dirname, "src")`, dirname)).toBe("./src");
    const inner = `function config() { const root = "./pkg"; return root; }`;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the config's code.
    expect(configValue("`${root}/src`", inner)).toBe("./pkg/src");
  });

  it("calls the config's own functions that return one expression of their parameters", () => {
    const helpers = `import path from "node:path";
const root = path.dirname(new URL(import.meta.url).pathname);
function workspaceSrc(dir: string): string {
  // the package's source entry
  return path.resolve(root, "packages", dir, "src/index.ts");
}
const pkg = (name) => \`\${root}/packages/\${name}\`;
function twoSteps(dir) { const x = dir; return x; }`;
    expect(configValue(`workspaceSrc("core")`, helpers)).toBe("./packages/core/src/index.ts");
    expect(configValue(`pkg("ui")`, helpers)).toBe("./packages/ui");
    expect(configValue(`twoSteps("x")`, helpers)).toBeUndefined();
  });

  it("gives up on what it cannot know, and on names bound twice", () => {
    expect(configValue(`process.env.SETUP`)).toBeUndefined();
    expect(configValue(`setupFor("unit")`)).toBeUndefined();
    expect(configValue(`resolve(__dirname, "x")`)).toBeUndefined();
    expect(configValue(`root`, `let root = "a";\nif (x) { const root = "b"; }`)).toBeUndefined();
  });
});

describe("evaluateList", () => {
  it("takes both arms of a condition and reports what it cannot read with its line", () => {
    const source = `const s = "./s.ts";\nexport default [s, ci ? "./ci.ts" : "./local.ts",\n  make()];\n`;
    const result = withTree(source, languageFor("vitest.config.ts")!, ({ rootNode }) => {
      const array = rootNode.namedChildren.at(-1)?.namedChildren.at(-1);
      return evaluateList(array, moduleScope(rootNode, "vitest.config.ts"));
    });
    expect(result.values).toEqual(["./s.ts", "./ci.ts", "./local.ts"]);
    expect(result.unread).toEqual([{ line: 3, text: "make()" }]);
  });
});

describe("repository paths", () => {
  it("maps the marker root to repository paths and back", () => {
    expect(repoPathOf(`${REPO_ROOT}/a/b`)).toBe("a/b");
    expect(repoPathOf(REPO_ROOT)).toBe("");
    expect(repoPathOf("/a/b")).toBeUndefined();
    expect(relativeToDir(`${REPO_ROOT}/a/b`, "a")).toBe("./b");
    expect(relativeToDir(`${REPO_ROOT}/c/`, "a")).toBe("../c/");
    expect(relativeToDir("./x", "a")).toBe("./x");
  });
});
