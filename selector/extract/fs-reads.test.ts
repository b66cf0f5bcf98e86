import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

/** The run-time reads a file makes, as `specifier (computed)`. */
const readsOf = (source: string, path = "test/a.test.ts") =>
  extractFacts(path, source)
    .imports.filter((r) => r.kind === "url")
    .map(
      (r) =>
        `${r.specifier}${r.computed ? ` (${r.computed}${r.computed === "unknown" && r.fsRead ? ", read" : ""})` : ""}`,
    );

const HEAD = `import { readFileSync, readdirSync, existsSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";
`;

describe("files a runner config reads with fs", () => {
  it("reads a path new URL builds from import.meta.url, which other modules leave to the URL edge", () => {
    const source = `${HEAD}JSON.parse(readFileSync(new URL("./config/settings.json", import.meta.url), "utf8"));`;
    expect(readsOf(source, "app/vitest.config.ts")).toContain("./config/settings.json");
    expect(readsOf(source, "app/src/load.ts")).toEqual(["./config/settings.json"]);
    expect(
      extractFacts("app/src/load.ts", source)
        .imports.filter((r) => r.fsRead)
        .map((r) => r.specifier),
    ).toEqual([]);
  });

  it("reads a relative path from the root and from the config's own folder: the runner may start in either", () => {
    const source = `${HEAD}readFileSync("./test/config.json", "utf8");
readFileSync(join(process.cwd(), "fixtures.json"));`;
    expect(readsOf(source, "packages/app/jest.config.js")).toEqual([
      "../../test/config.json",
      "./test/config.json",
      "../../fixtures.json",
      "./fixtures.json",
    ]);
    expect(readsOf(source, "jest.config.js")).toEqual(["./test/config.json", "./fixtures.json"]);
  });
});

describe("files read with fs", () => {
  it("links a path built from __dirname, constants and path helpers to the file it names", () => {
    const source = `${HEAD}const FIXTURES = join(__dirname, "fixtures");
readFileSync(join(FIXTURES, "a.json"), "utf8");
readFileSync(resolve(__dirname, "../data/b.txt"));
existsSync(\`\${__dirname}/c.txt\`);`;
    expect(readsOf(source)).toEqual(["./fixtures/a.json", "../data/b.txt", "./c.txt"]);
  });

  it("reads a relative path from the process's folder: the repository root, or a package run alone", () => {
    expect(readsOf(`${HEAD}readFileSync("test/fixtures/x.txt");`, "test/deep/a.test.ts")).toEqual([
      "../fixtures/x.txt",
      "../test/fixtures/x.txt",
      "./test/fixtures/x.txt",
    ]);
    // `npm test -w app` runs in packages/app: the read lands there too.
    const source = `${HEAD}readFileSync(resolve("fixtures/a.json"));\nreadFileSync(join(process.cwd(), "fixtures", name));`;
    expect(readsOf(source, "packages/app/test/a.test.ts")).toEqual([
      "../../../fixtures/a.json",
      "../../fixtures/a.json",
      "../fixtures/a.json",
      "./fixtures/a.json",
      "../../../fixtures/** (pattern)",
      "../../fixtures/** (pattern)",
      "../fixtures/** (pattern)",
      "./fixtures/** (pattern)",
    ]);
  });

  it("takes a path that ends in a run-time name as every file under its known folder", () => {
    const source = `${HEAD}export const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name));
export const json = (name: string) => readFileSync(\`\${__dirname}/cases/\${name}.json\`);
export const listed = () => readdirSync(__dirname + "/snapshots/" + process.env.KIND);
export const typed = (name: string) => readFileSync(join(__dirname, \`../data/json/\${name}.json\`));
export const named = (name: string) => readFileSync(resolve(__dirname, "assets", "icon-" + name));`;
    expect(readsOf(source)).toEqual([
      "./fixtures/** (pattern)",
      "./cases/** (pattern)",
      "./snapshots/** (pattern)",
      "../data/json/** (pattern)",
      "./assets/** (pattern)",
    ]);
  });

  it("marks a path with nothing static to go on as an unknown read, and one from the repository root too", () => {
    const source = `${HEAD}export const read = (p: string) => readFileSync(p, "utf8");
export const fromRoot = (p: string) => readFileSync(join(process.cwd(), p));`;
    expect(readsOf(source)).toEqual(["p (unknown, read)", "join(process.cwd(), p) (unknown, read)"]);
  });

  it("ignores reads under the temp or home folder", () => {
    const source = `${HEAD}const dir = mkdtempSync(join(tmpdir(), "x-"));
readFileSync(join(dir, "out.txt"));
readFileSync(join(tmpdir(), "y"));`;
    expect(readsOf(source)).toEqual([]);
  });

  it("knows fs under any binding: namespace, default, require, fs.promises, fs/promises, fs-extra", () => {
    const cases = [
      `import * as fs from "fs";\nfs.readFileSync(__dirname + "/a.txt");`,
      `import fs from "node:fs";\nawait fs.promises.readFile(__dirname + "/a.txt");`,
      `const fs = require("fs");\nfs.statSync(__dirname + "/a.txt");`,
      `const { readFile } = require("node:fs/promises");\nawait readFile(__dirname + "/a.txt");`,
      `import { readJson } from "fs-extra";\nawait readJson(__dirname + "/a.txt");`,
    ];
    for (const source of cases) expect(readsOf(source), source).toEqual(["./a.txt"]);
  });

  it("leaves calls that only share a name with fs alone", () => {
    const source = `import { readFile } from "./my-io";\nimport "node:fs";\nreadFile("test/a.txt");\nconst o = { readFileSync: (p: string) => p };\no.readFileSync("x");`;
    expect(readsOf(source)).toEqual([]);
  });

  it("reads a file snapshot by a path relative to the test file, with no fs import", () => {
    const source = `import { expect, test } from "vitest";
test("a", async () => {
  await expect("<p/>").toMatchFileSnapshot("./__snapshots__/a.html");
  await expect("<p/>").toMatchFileSnapshot(\`./pages/\${process.env.PAGE}.html\`);
});`;
    expect(readsOf(source, "test/deep/a.test.ts")).toEqual([
      "./__snapshots__/a.html",
      "./pages/** (pattern)",
    ]);
  });
});
