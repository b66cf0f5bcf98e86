import { describe, expect, it } from "vitest";
import { classifyBuiltin } from "./builtin-rules.js";

const kindOf = (path: string) => classifyBuiltin(path)?.kind;

describe("classifyBuiltin", () => {
  it("finds lockfiles anywhere", () => {
    for (const name of [
      "package-lock.json",
      "npm-shrinkwrap.json",
      "yarn.lock",
      "pnpm-lock.yaml",
      "bun.lockb",
      "bun.lock",
    ]) {
      expect(kindOf(name)).toBe("lockfile");
      expect(kindOf(`apps/web/${name}`)).toBe("lockfile");
    }
  });

  it("classifies manifests, tsconfigs and runner configs", () => {
    expect(kindOf("package.json")).toBe("manifest");
    expect(kindOf("packages/a/package.json")).toBe("manifest");
    expect(kindOf("tsconfig.json")).toBe("tsconfig");
    expect(kindOf("packages/a/tsconfig.build.json")).toBe("tsconfig");
    for (const name of [
      "vitest.config.ts",
      "vite.config.mjs",
      "vitest.workspace.json",
      "vitest.projects.ts",
      "jest.config.cjs",
      "babel.config.js",
      ".babelrc",
      ".babelrc.json",
      ".swcrc",
      ".nvmrc",
      ".node-version",
    ]) {
      expect(kindOf(`apps/web/${name}`)).toBe("runner-config");
    }
  });

  it("gives a reason and ignores ordinary files and installed packages", () => {
    expect(classifyBuiltin("tsconfig.json")?.reason).toMatch(/compiler options/);
    expect(kindOf("src/package.ts")).toBeUndefined();
    expect(kindOf("src/vitest.setup.ts")).toBeUndefined();
    expect(kindOf("docs/tsconfig.md")).toBeUndefined();
    expect(kindOf("node_modules/zod/package.json")).toBeUndefined();
  });

  it("classifies files under .github/workflows/ as workflows, by path", () => {
    expect(kindOf(".github/workflows/ci.yml")).toBe("workflow");
    expect(kindOf(".github/workflows/nested/release.yaml")).toBe("workflow");
    expect(kindOf("docs/.github/workflows/ci.yml")).toBeUndefined();
    expect(kindOf(".github/CODEOWNERS")).toBeUndefined();
  });
});
