import { describe, expect, it } from "vitest";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "./create-resolver.js";

const json = (value: unknown): string => JSON.stringify(value);

describe("extendedBy: the tsconfigs whose extends chain names a file", () => {
  const r = createResolver(
    snapshotFromRecord({
      "package.json": json({ name: "root", workspaces: ["packages/*", "apps/*"] }),
      "config/base.json": json({ compilerOptions: { strict: true } }),
      "config/strict.json": json({ extends: "./base", compilerOptions: { useDefineForClassFields: false } }),
      "packages/typescript-config/package.json": json({ name: "@repo/typescript-config" }),
      "packages/typescript-config/react.json": json({ compilerOptions: { jsx: "react-jsx" } }),
      "apps/web/package.json": json({ name: "web" }),
      "apps/web/tsconfig.json": json({
        extends: ["@repo/typescript-config/react.json", "../../config/strict.json"],
      }),
      "apps/api/package.json": json({ name: "api" }),
      "apps/api/tsconfig.json": json({ extends: "../../config/gone.json" }),
      "apps/api/tsconfig.test.json": json({ extends: "../../config/base.json" }),
      "data/fixture.json": json({ extends: "../config/base.json" }),
    }),
  );

  it("follows relative and workspace-package bases, through bases that extend others", () => {
    expect(r.extendedBy?.("packages/typescript-config/react.json")).toEqual(["apps/web/tsconfig.json"]);
    expect(r.extendedBy?.("config/strict.json")).toEqual(["apps/web/tsconfig.json"]);
    expect(r.extendedBy?.("config/base.json")).toEqual([
      "apps/api/tsconfig.test.json",
      "apps/web/tsconfig.json",
    ]);
  });

  it("names a base the change deleted by the path the entry spells", () => {
    expect(r.extendedBy?.("config/gone.json")).toEqual(["apps/api/tsconfig.json"]);
  });

  it("counts only tsconfigs and jsconfigs as extending: other JSON with an extends key is data", () => {
    expect(r.extendedBy?.("data/fixture.json")).toEqual([]);
    expect(r.extendedBy?.("apps/web/tsconfig.json")).toEqual([]);
  });
});
