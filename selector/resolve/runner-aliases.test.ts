import { describe, expect, it } from "vitest";
import type { RunnerAlias } from "../extract/config-aliases.js";
import { REPO_ROOT } from "../extract/static-value.js";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "./create-resolver.js";
import type { RunnerAliasSet } from "./types.js";

const vite = (find: string, ...targets: string[]): RunnerAlias => ({
  style: "vite",
  find: { prefix: find },
  targets,
  line: 3,
});
const jest = (regex: string, ...targets: string[]): RunnerAlias => ({
  style: "jest",
  find: { regex, flags: "" },
  targets,
  line: 5,
});

const FILES = {
  "package.json": JSON.stringify({
    name: "app",
    dependencies: { react: "*", preact: "*" },
    devDependencies: { "@types/estree": "*", "@types/babel__core": "*" },
  }),
  "src/math.ts": "",
  "src/lib/format.ts": "",
  "test/math.test.ts": "",
  "test/src/local.ts": "",
  "web/src/button.tsx": "",
  "web/test/button.test.ts": "",
};

function resolverWith(sets: RunnerAliasSet[], files: Record<string, string> = FILES) {
  return createResolver(snapshotFromRecord(files), { runnerAliases: sets });
}

describe("runner aliases in the one resolver", () => {
  it("vite: a prefix matches itself or itself and a slash; `/x` is rooted at the project", () => {
    const r = resolverWith([{ config: "vitest.config.ts", dir: "", aliases: [vite("@", "/src")] }]);
    expect(r.resolve("@/math", "test/math.test.ts", "static")).toEqual({
      kind: "file",
      path: "src/math.ts",
      via: "alias @ (vitest.config.ts:3)",
    });
    // `@types/x` is not `@` followed by a slash.
    expect(r.resolve("@types/estree", "test/math.test.ts", "static").kind).toBe("external");
  });

  it("vite: absolute paths the config built, trailing slashes on both sides, a RegExp with $1", () => {
    const regex: RunnerAlias = {
      style: "vite",
      find: { regex: "^~(.*)$", flags: "" },
      targets: ["/src$1"],
      line: 4,
    };
    const r = resolverWith([
      {
        config: "vite.config.ts",
        dir: "",
        aliases: [vite("#lib/", `${REPO_ROOT}/src/lib/`), regex],
      },
    ]);
    expect(r.resolve("#lib/format", "test/math.test.ts", "static")).toMatchObject({
      path: "src/lib/format.ts",
    });
    expect(r.resolve("~/math", "test/math.test.ts", "static")).toMatchObject({ path: "src/math.ts" });
  });

  it("vite: a capture that starts with a slash leaves `src//x.ts`, which the file system reads as `src/x.ts`", () => {
    // zustand's `{ find: /^zustand(.*)$/, replacement: resolve('./src/$1.ts') }` on `zustand/vanilla`.
    const regex: RunnerAlias = {
      style: "vite",
      find: { regex: "^app(.*)$", flags: "" },
      targets: [`${REPO_ROOT}/src/$1.ts`],
      line: 4,
    };
    const r = resolverWith([{ config: "vitest.config.ts", dir: "", aliases: [regex] }]);
    expect(r.resolve("app/math", "test/math.test.ts", "static")).toMatchObject({ path: "src/math.ts" });
    expect(r.resolve("app/lib/format", "test/math.test.ts", "static")).toMatchObject({
      path: "src/lib/format.ts",
    });
  });

  it("a relative replacement is resolved from the importer, then from the project root", () => {
    const r = resolverWith([{ config: "vitest.config.ts", dir: "", aliases: [vite("@", "./src")] }]);
    expect(r.resolve("@/local", "test/math.test.ts", "static")).toMatchObject({ path: "test/src/local.ts" });
    expect(r.resolve("@/math", "test/math.test.ts", "static")).toMatchObject({ path: "src/math.ts" });
  });

  it("a bare replacement resolves as a package; a missing target is unresolved", () => {
    const r = resolverWith([
      {
        config: "vitest.config.ts",
        dir: "",
        aliases: [vite("react", "preact/compat"), vite("@", "/nowhere")],
      },
    ]);
    expect(r.resolve("react", "src/math.ts", "static")).toEqual({ kind: "external", packageName: "preact" });
    expect(r.resolve("@/math", "src/math.ts", "static")).toMatchObject({ kind: "unresolved" });
  });

  it("jest: regex keys with $1 substitutions, the first target that names a file", () => {
    const r = resolverWith([
      {
        config: "jest.config.js",
        dir: "",
        aliases: [jest("^@/(.*)$", `${REPO_ROOT}/lib/$1`, `${REPO_ROOT}/src/$1`)],
      },
    ]);
    expect(r.resolve("@/lib/format", "test/math.test.ts", "static")).toEqual({
      kind: "file",
      path: "src/lib/format.ts",
      via: "alias /^@/(.*)$/ (jest.config.js:5)",
    });
  });

  it("applies a project's aliases under its directory only, nearest project first", () => {
    const r = resolverWith([
      { config: "vitest.config.ts", dir: "", aliases: [vite("@", "/src")] },
      { config: "web/vitest.config.ts", dir: "web", aliases: [vite("@", "/src")] },
      { config: "docs/vitest.config.ts", dir: "docs", aliases: [vite("~", "/src")] },
    ]);
    expect(r.resolve("@/button", "web/test/button.test.ts", "static")).toMatchObject({
      path: "web/src/button.tsx",
    });
    expect(r.resolve("@/math", "test/math.test.ts", "static")).toMatchObject({ path: "src/math.ts" });
    expect(r.resolve("~/math", "test/math.test.ts", "static")).toMatchObject({ kind: "unresolved" });
  });

  it("an alias whose replacement could not be read leaves what it matches unresolved, saying where", () => {
    const unread: RunnerAlias = { ...vite("@"), unread: "process.env.SRC" };
    const r = resolverWith([{ config: "vitest.config.ts", dir: "", aliases: [unread] }]);
    expect(r.resolve("@/math", "test/math.test.ts", "static")).toEqual({
      kind: "unresolved",
      reason: "alias @ (vitest.config.ts:3) maps to `process.env.SRC`, which cannot be read statically",
    });
  });
});

describe("bare specifiers no package.json declares", () => {
  const r = resolverWith([]);

  it("are unresolved; built-ins, declared packages, subpaths, @types and self-references are not", () => {
    expect(r.resolve("left-pad", "src/math.ts", "static")).toMatchObject({ kind: "unresolved" });
    expect(r.resolve("~icons/mdi/home", "src/math.ts", "static")).toMatchObject({ kind: "unresolved" });
    expect(r.resolve("virtual:pages", "src/math.ts", "static")).toMatchObject({ kind: "unresolved" });
    expect(r.resolve("fs", "src/math.ts", "static")).toMatchObject({ kind: "external", builtin: true });
    expect(r.resolve("node:test", "src/math.ts", "static")).toMatchObject({
      kind: "external",
      builtin: true,
    });
    expect(r.resolve("react/jsx-runtime", "src/math.ts", "static").kind).toBe("external");
    expect(r.resolve("estree", "src/math.ts", "static").kind).toBe("external");
    expect(r.resolve("@babel/core", "src/math.ts", "static").kind).toBe("external");
    expect(r.resolve("app/package.json", "src/math.ts", "static").kind).not.toBe("unresolved");
    expect(r.resolve("bun:test", "src/math.ts", "static").kind).toBe("external");
  });

  it("the runner's own modules resolve whether declared or not (a global or npx install)", () => {
    expect(r.resolve("vitest", "test/a.test.ts", "static").kind).toBe("external");
    expect(r.resolve("vitest/config", "vitest.config.ts", "static").kind).toBe("external");
    expect(r.resolve("@jest/globals", "test/a.test.ts", "static").kind).toBe("external");
  });

  it("stay external in a repository without any package.json: nothing says what is installed", () => {
    const bare = createResolver(snapshotFromRecord({ "src/a.ts": "" }));
    expect(bare.resolve("left-pad", "src/a.ts", "static")).toEqual({
      kind: "external",
      packageName: "left-pad",
    });
  });
});

describe("a runner's own extensions", () => {
  const files = {
    "src/button.ts": "",
    "src/button.web.ts": "",
    "src/only.ios.js": "",
    "src/panel/index.ts": "",
    "src/panel/index.web.ts": "",
    "test/button.test.ts": "",
    "other/use.ts": "",
  };
  const r = resolverWith(
    [{ config: "vite.config.ts", dir: "src", aliases: [], extensions: [".web.ts", ".ios.js", ".ts"] }],
    { ...files, "src/main.ts": "" },
  );

  it("adds the files they make of an extensionless name, and of a folder's index", () => {
    expect(r.resolve("./button", "src/main.ts", "static")).toEqual({
      kind: "file",
      path: "src/button.ts",
      via: "relative",
      alternatives: ["src/button.web.ts"],
    });
    expect(r.resolve("./panel", "src/main.ts", "static")).toMatchObject({
      path: "src/panel/index.ts",
      alternatives: ["src/panel/index.web.ts"],
    });
  });

  it("apply to an alias's target too: `@/button` is src/button, and src/button.web.ts loads first", () => {
    const aliased = resolverWith(
      [
        {
          config: "vite.config.ts",
          dir: "",
          aliases: [vite("@", `${REPO_ROOT}/src`), jest("^~/(.*)$", "./src/$1")],
          extensions: [".web.ts", ".ts"],
        },
      ],
      { ...files, "test/main.ts": "" },
    );
    for (const specifier of ["@/button", "~/button"])
      expect(aliased.resolve(specifier, "test/main.ts", "static")).toMatchObject({
        kind: "file",
        path: "src/button.ts",
        alternatives: ["src/button.web.ts"],
      });
  });

  it("resolves a name only they name, and applies only under the project's folder", () => {
    expect(r.resolve("./only", "src/main.ts", "static")).toEqual({
      kind: "file",
      path: "src/only.ios.js",
      via: "runner extensions",
    });
    expect(r.resolve("../src/button", "other/use.ts", "static")).not.toHaveProperty("alternatives");
  });
});
