import { describe, expect, it } from "vitest";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "./create-resolver.js";

const LAYOUT = JSON.stringify({ compilerOptions: { outDir: "dist", rootDir: "src" } });

describe("untracked build output resolves to its source when the tsconfig says so", () => {
  it("maps outDir to rootDir, .js to .ts, in the package the path sits in", () => {
    const resolver = createResolver(
      snapshotFromRecord({
        "packages/cli/package.json": "{}",
        "packages/cli/tsconfig.json": LAYOUT,
        "packages/cli/src/bin/main.ts": "",
        "packages/cli/test/a.test.ts": "",
      }),
    );
    expect(resolver.resolve("../dist/bin/main.js", "packages/cli/test/a.test.ts", "url")).toEqual({
      kind: "file",
      path: "packages/cli/src/bin/main.ts",
      via: "build output: packages/cli/dist/ is built from packages/cli/src/ (tsconfig outDir, rootDir)",
    });
  });

  it("leaves it unresolved when the tsconfig names no rootDir, or no source is there", () => {
    const guess = createResolver(
      snapshotFromRecord({
        "tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "dist" } }),
        "src/cli.ts": "",
        "test/a.test.ts": "",
      }),
    );
    expect(guess.resolve("../dist/cli.js", "test/a.test.ts", "url").kind).toBe("unresolved");
    const missing = createResolver(
      snapshotFromRecord({ "tsconfig.json": LAYOUT, "src/other.ts": "", "test/a.test.ts": "" }),
    );
    expect(missing.resolve("../dist/cli.js", "test/a.test.ts", "url").kind).toBe("unresolved");
  });

  it("takes committed build output as the file that runs", () => {
    const resolver = createResolver(
      snapshotFromRecord({
        "tsconfig.json": LAYOUT,
        "src/cli.ts": "",
        "dist/cli.js": "",
        "test/a.test.ts": "",
      }),
    );
    expect(resolver.resolve("../dist/cli.js", "test/a.test.ts", "url")).toMatchObject({
      kind: "file",
      path: "dist/cli.js",
    });
  });
});
