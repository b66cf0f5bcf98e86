import { describe, expect, it } from "vitest";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "./create-resolver.js";

describe("import.meta.glob", () => {
  const r = createResolver(
    snapshotFromRecord({
      "package.json": "{}",
      "tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["./src/*"] } } }),
      "src/main.ts": "",
      "src/pages/home.tsx": "",
      "src/pages/about.ts": "",
      "src/pages/admin/users.tsx": "",
      "src/pages/admin/readme.md": "",
      "src/locales/en.json": "",
      "src/locales/fr.yaml": "",
      "src/pagesx/not-me.ts": "",
      "src/node_modules/dep/index.ts": "",
    }),
  );

  it("expands ** and brace patterns relative to the file", () => {
    expect(r.resolveGlob("./pages/**/*.{ts,tsx}", "src/main.ts")).toEqual([
      "src/pages/about.ts",
      "src/pages/admin/users.tsx",
      "src/pages/home.tsx",
    ]);
    expect(r.resolveGlob("./locales/*.json", "src/main.ts")).toEqual(["src/locales/en.json"]);
    expect(r.resolveGlob("../locales/*", "src/pages/home.tsx")).toEqual([
      "src/locales/en.json",
      "src/locales/fr.yaml",
    ]);
  });

  it("roots /-patterns at the package and expands tsconfig aliases", () => {
    expect(r.resolveGlob("/src/pages/*.tsx", "src/main.ts")).toEqual(["src/pages/home.tsx"]);
    expect(r.resolveGlob("@/pages/admin/*", "src/main.ts")).toEqual([
      "src/pages/admin/readme.md",
      "src/pages/admin/users.tsx",
    ]);
  });

  it("skips node_modules and negated patterns", () => {
    expect(r.resolveGlob("./**/index.ts", "src/main.ts")).toEqual([]);
    expect(r.resolveGlob("!./pages/*.ts", "src/main.ts")).toEqual([]);
  });
});
