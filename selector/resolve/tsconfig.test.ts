import { describe, expect, it } from "vitest";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "./create-resolver.js";

function resolverFor(files: Record<string, string>) {
  return createResolver(snapshotFromRecord(files));
}

describe("tsconfig: paths defined in an extended base, relative to the base's directory", () => {
  const r = resolverFor({
    "config/tsconfig.base.json": JSON.stringify({
      compilerOptions: { paths: { "@lib/*": ["../lib/*"], "@config": ["./settings.ts"] }, jsx: "react-jsx" },
    }),
    "config/settings.ts": "",
    "tsconfig.mid.json": JSON.stringify({
      extends: "./config/tsconfig.base",
      compilerOptions: { strict: true },
    }),
    "app/tsconfig.json": JSON.stringify({
      extends: "../tsconfig.mid.json",
      compilerOptions: { jsxImportSource: "preact" },
    }),
    "app/main.ts": "",
    "lib/date.ts": "",
  });

  it("follows the extends chain and resolves paths against the defining config", () => {
    expect(r.resolve("@lib/date", "app/main.ts", "static")).toEqual({
      kind: "file",
      path: "lib/date.ts",
      via: "tsconfig paths @lib/*",
    });
    expect(r.resolve("@config", "app/main.ts", "static")).toMatchObject({ path: "config/settings.ts" });
  });

  it("reports the governing tsconfig and the merged jsx settings", () => {
    expect(r.tsconfigFor("app/main.ts")).toBe("app/tsconfig.json");
    expect(r.tsconfigFor("lib/date.ts")).toBeUndefined();
    expect(r.jsxSettingsFor("app/main.ts")).toEqual({ jsx: "react-jsx", jsxImportSource: "preact" });
  });

  it("reports an alias that names no file as unresolved, not as a package", () => {
    const missing = r.resolve("@lib/nope", "app/main.ts", "static");
    expect(missing.kind).toBe("unresolved");
    expect(missing.kind === "unresolved" && missing.reason).toContain("@lib/*");
  });
});

describe("tsconfig: baseUrl, longest prefix, substitutions in order", () => {
  const r = resolverFor({
    "tsconfig.json": JSON.stringify({
      compilerOptions: {
        baseUrl: "./src",
        paths: { "@/*": ["./generated/*", "./*"], "@/ui/*": ["./design/*"] },
      },
    }),
    "src/utils/format.ts": "",
    "src/app.ts": "",
    "src/button.ts": "",
    "src/design/button.tsx": "",
  });

  it("tries baseUrl/spec with probing before treating it as a package", () => {
    expect(r.resolve("utils/format", "src/app.ts", "static")).toEqual({
      kind: "file",
      path: "src/utils/format.ts",
      via: "baseUrl",
    });
    expect(r.resolve("react", "src/app.ts", "static")).toEqual({ kind: "external", packageName: "react" });
  });

  it("prefers the longest prefix and tries each substitution (relative to baseUrl)", () => {
    expect(r.resolve("@/ui/button", "src/app.ts", "static")).toMatchObject({ path: "src/design/button.tsx" });
    expect(r.resolve("@/button", "src/app.ts", "static")).toMatchObject({
      path: "src/button.ts",
      via: "tsconfig paths @/*",
    });
  });
});

describe("tsconfig: per-package configs in a monorepo", () => {
  const r = resolverFor({
    "packages/web/tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["./src/*"] } } }),
    "packages/web/src/util.ts": "",
    "packages/web/src/page.ts": "",
    "packages/api/tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["./lib/*"] } } }),
    "packages/api/lib/util.ts": "",
    "packages/api/lib/handler.ts": "",
  });

  it("applies each package's own @/* alias", () => {
    expect(r.resolve("@/util", "packages/web/src/page.ts", "static")).toMatchObject({
      path: "packages/web/src/util.ts",
    });
    expect(r.resolve("@/util", "packages/api/lib/handler.ts", "static")).toMatchObject({
      path: "packages/api/lib/util.ts",
    });
    expect(r.tsconfigFor("packages/api/lib/handler.ts")).toBe("packages/api/tsconfig.json");
  });
});

describe("tsconfig: comments and trailing commas", () => {
  const r = resolverFor({
    "tsconfig.json": `{
      // line comment
      "compilerOptions": {
        /* block comment */
        "paths": { "~/*": ["./src/*"], },
        "jsx": "preserve",
      },
    }`,
    "src/a.ts": "",
    "src/b.ts": "",
  });

  it("parses like TypeScript does", () => {
    expect(r.resolve("~/a", "src/b.ts", "static")).toMatchObject({ path: "src/a.ts" });
    expect(r.jsxSettingsFor("src/b.ts")).toEqual({ jsx: "preserve" });
    expect(r.warnings?.()).toEqual([]);
  });
});

describe("tsconfig: broken file", () => {
  const r = resolverFor({
    "tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] ',
    "src/a.ts": "",
    "src/b.ts": "",
  });

  it("is treated as empty and warned about", () => {
    expect(r.resolve("@/a", "src/b.ts", "static")).toEqual({ kind: "external", packageName: "@/a" });
    expect(r.resolve("./a", "src/b.ts", "static")).toMatchObject({ path: "src/a.ts" });
    const warnings = r.warnings?.() ?? [];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: "tsconfig.json" });
    expect(warnings[0]?.message).toContain("cannot parse tsconfig");
  });
});

describe("tsconfig: extends a workspace package, configDir template", () => {
  const r = resolverFor({
    "package.json": JSON.stringify({ workspaces: ["packages/*", "tooling/*"] }),
    "tooling/tsconfig/package.json": JSON.stringify({ name: "@acme/tsconfig" }),
    "tooling/tsconfig/base.json": JSON.stringify({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the tsconfig token under test.
      compilerOptions: { paths: { "#app/*": ["${configDir}/src/*"] }, jsxImportSource: "solid-js" },
    }),
    "packages/a/package.json": JSON.stringify({ name: "a" }),
    "packages/a/tsconfig.json": JSON.stringify({
      extends: ["@tsconfig/strictest", "@acme/tsconfig/base.json"],
    }),
    "packages/a/src/x.ts": "",
    "packages/a/src/y.ts": "",
  });

  it("follows package extends into the repo and substitutes the leaf's directory", () => {
    expect(r.resolve("#app/x", "packages/a/src/y.ts", "static")).toMatchObject({
      path: "packages/a/src/x.ts",
    });
    expect(r.jsxSettingsFor("packages/a/src/y.ts")).toEqual({ jsxImportSource: "solid-js" });
  });
});

describe("tsconfig: solution-style root (Vite template)", () => {
  const r = resolverFor({
    "tsconfig.json": JSON.stringify({
      files: [],
      references: [{ path: "./tsconfig.app.json" }, { path: "./tsconfig.node.json" }],
    }),
    "tsconfig.app.json": JSON.stringify({
      include: ["src"],
      compilerOptions: { paths: { "@/*": ["./src/*"] } },
    }),
    "tsconfig.node.json": JSON.stringify({ include: ["vite.config.ts"] }),
    "vite.config.ts": "",
    "src/main.tsx": "",
    "src/lib/utils.ts": "",
  });

  it("hands each file to the referenced config that includes it", () => {
    expect(r.tsconfigFor("src/main.tsx")).toBe("tsconfig.app.json");
    expect(r.tsconfigFor("vite.config.ts")).toBe("tsconfig.node.json");
    expect(r.resolve("@/lib/utils", "src/main.tsx", "static")).toMatchObject({ path: "src/lib/utils.ts" });
  });
});

describe("tsconfig: moduleSuffixes, which the type checker tries before the plain name", () => {
  const r = resolverFor({
    "tsconfig.base.json": JSON.stringify({ compilerOptions: { moduleSuffixes: [".ios", ".native", ""] } }),
    "app/tsconfig.json": JSON.stringify({ extends: "../tsconfig.base.json" }),
    "app/size.ts": "",
    "app/size.ios.ts": "",
    "app/size.native.tsx": "",
    "app/only.ios.ts": "",
    "app/main.ts": "",
    "lib/size.ts": "",
    "lib/size.ios.ts": "",
    "lib/main.ts": "",
  });

  it("adds the suffixed files of an extensionless or .js name, through the extends chain", () => {
    expect(r.resolve("./size", "app/main.ts", "static")).toEqual({
      kind: "file",
      path: "app/size.ts",
      via: "relative",
      alternatives: ["app/size.ios.ts", "app/size.native.tsx"],
    });
    expect(r.resolve("./size.js", "app/main.ts", "static")).toMatchObject({
      path: "app/size.ts",
      alternatives: ["app/size.ios.ts", "app/size.native.tsx"],
    });
    expect(r.resolve("./only", "app/main.ts", "static")).toMatchObject({
      kind: "file",
      path: "app/only.ios.ts",
    });
  });

  it("applies to a paths alias too, and keeps the code files beside the one it names", () => {
    const aliased = resolverFor({
      "tsconfig.json": JSON.stringify({
        compilerOptions: { moduleSuffixes: [".ios", ""], baseUrl: ".", paths: { "@/*": ["src/*"] } },
      }),
      "src/size.ts": "",
      "src/size.ios.ts": "",
      "src/greet.ts": "",
      "src/greet.js": "",
      "main.ts": "",
    });
    expect(aliased.resolve("@/size", "main.ts", "static")).toMatchObject({
      path: "src/size.ts",
      alternatives: ["src/size.ios.ts"],
    });
    expect(aliased.resolve("@/greet", "main.ts", "static")).toMatchObject({
      path: "src/greet.ts",
      alternatives: ["src/greet.js"],
    });
  });

  it("applies only under a tsconfig that declares them", () => {
    expect(r.resolve("./size", "lib/main.ts", "static")).not.toHaveProperty("alternatives");
  });
});
