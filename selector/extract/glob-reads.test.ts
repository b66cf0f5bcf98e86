import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

/** The run-time reads a file makes, as `specifier (computed)`. */
const readsOf = (source: string, path = "test/a.test.ts") =>
  extractFacts(path, source)
    .imports.filter((r) => r.kind === "url" && r.fsRead)
    .map((r) => `${r.specifier}${r.computed ? ` (${r.computed})` : ""}`);

describe("files listed by a glob pattern", () => {
  it("fast-glob with cwd: __dirname reads every file the pattern matches, from the caller's folder", () => {
    const source = `import fg from "fast-glob";
const files = fg.sync("fixtures/**/*.json", { cwd: __dirname, absolute: true });
const more = await fg(["cases/*.txt", "!cases/skip.txt"], { cwd: join(__dirname, "..") });`;
    expect(readsOf(`import { join } from "node:path";\n${source}`)).toEqual([
      "./fixtures/**/*.json (pattern)",
      "../cases/*.txt (pattern)",
    ]);
  });

  it("a pattern with no cwd is matched from the root and, for a package run alone, each folder down to the caller", () => {
    const source = `import { globSync } from "glob";\nglobSync("test/data/*.json");`;
    expect(readsOf(source, "packages/app/test/a.test.ts")).toEqual([
      "../../../test/data/*.json (pattern)",
      "../../test/data/*.json (pattern)",
      "./data/*.json (pattern)",
      "./test/data/*.json (pattern)",
    ]);
  });

  it("knows glob, tinyglobby (patterns in an options object), globby and node:fs's glob under any binding", () => {
    const cases = [
      `import { glob } from "glob";\nawait glob.sync("./data/*.json", { cwd: __dirname });`,
      `import { glob } from "tinyglobby";\nawait glob({ patterns: ["data/*.json"], cwd: __dirname });`,
      `import { globbySync } from "globby";\nglobbySync("data/*.json", { cwd: __dirname });`,
      `const fg = require("fast-glob");\nfg.globSync("data/*.json", { cwd: __dirname });`,
      `import fs from "node:fs";\nfs.globSync("data/*.json", { cwd: __dirname });`,
      `import * as fs from "node:fs";\nawait Array.fromAsync(fs.promises.glob("data/*.json", { cwd: __dirname }));`,
      `import { globSync } from "node:fs";\nconst cwd = __dirname;\nglobSync("data/*.json", { cwd });`,
    ];
    for (const source of cases) expect(readsOf(source), source).toEqual(["./data/*.json (pattern)"]);
  });

  it("a pattern or cwd with nothing static to go on is an unknown read; a temp cwd and pattern helpers are none", () => {
    const source = `import fg from "fast-glob";
import { tmpdir } from "node:os";
export const list = (pattern: string) => fg.sync(pattern, { cwd: __dirname });
export const under = (dir: string) => fg.sync("*.json", { cwd: dir });
fg.sync("*.json", { cwd: tmpdir() });
fg.isDynamicPattern("*.json");
fg.escapePath("a*b");`;
    expect(readsOf(source)).toEqual([
      "fg.sync(pattern, { cwd: __dirname }) (unknown)",
      'fg.sync("*.json", { cwd: dir }) (unknown)',
    ]);
  });

  it("reads nothing where no glob module or node:fs is imported", () => {
    expect(readsOf(`const glob = (p: string) => [p];\nglob("data/*.json");`)).toEqual([]);
    expect(readsOf(`const files = import.meta.glob("./data/*.json");`)).toEqual([]);
  });
});
