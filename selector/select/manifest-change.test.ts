import { describe, expect, it } from "vitest";
import { classifyManifestChange } from "./manifest-change.js";

const manifest = (fields: Record<string, unknown>) =>
  JSON.stringify({
    name: "pkg",
    exports: { ".": "./src/index.ts" },
    dependencies: { a: "^1.0.0" },
    ...fields,
  });

describe("classifyManifestChange", () => {
  it("metadata only is inert, whatever the key order", () => {
    const base = manifest({ description: "old", keywords: ["a"] });
    const head = JSON.stringify({ keywords: ["a", "b"], ...JSON.parse(manifest({ description: "new" })) });
    expect(classifyManifestChange(base, head)).toEqual({ kind: "inert" });
  });

  it("a dependency range with metadata is a dependency change", () => {
    const base = manifest({ version: "1.0.0" });
    const head = manifest({ version: "1.1.0", devDependencies: { vitest: "^4.0.0" } });
    expect(classifyManifestChange(base, head)).toEqual({ kind: "dependencies", keys: ["devDependencies"] });
  });

  it("exports, scripts or type change the package", () => {
    expect(classifyManifestChange(manifest({}), manifest({ exports: "./dist/index.js" }))).toEqual({
      kind: "package",
      keys: ["exports"],
    });
    expect(
      classifyManifestChange(manifest({}), manifest({ scripts: { test: "vitest --typecheck" } })),
    ).toEqual({
      kind: "package",
      keys: ["scripts"],
    });
  });

  it("an added, deleted or unreadable manifest changes the package", () => {
    expect(classifyManifestChange(undefined, manifest({}))).toEqual({ kind: "package", keys: [] });
    expect(classifyManifestChange(manifest({}), "{ not json")).toEqual({ kind: "package", keys: [] });
    expect(classifyManifestChange("[]", manifest({}))).toEqual({ kind: "package", keys: [] });
  });

  it("a script added under a new name nothing runs is inert", () => {
    const base = manifest({ scripts: { test: "vitest" } });
    const head = manifest({ scripts: { test: "vitest", backport: "tsx scripts/backport.ts" } });
    expect(classifyManifestChange(base, head)).toEqual({ kind: "inert" });
  });
});
