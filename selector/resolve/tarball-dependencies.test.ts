import { describe, expect, it } from "vitest";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "./create-resolver.js";

describe("file: dependencies on a tarball", () => {
  const resolver = createResolver(
    snapshotFromRecord({
      "package.json": JSON.stringify({
        workspaces: ["packages/*"],
        dependencies: { greet: "file:vendor/greet-1.0.0.tgz", left: "^1.0.0", gone: "file:vendor/gone.tgz" },
      }),
      "vendor/greet-1.0.0.tgz": "",
      "packages/web/package.json": JSON.stringify({
        name: "web",
        devDependencies: { greet: "file:../../vendor/greet-2.0.0.tgz", shout: "file:./shout.tar.gz" },
      }),
      "vendor/greet-2.0.0.tgz": "",
      "packages/web/shout.tar.gz": "",
      "packages/api/package.json": JSON.stringify({ name: "api" }),
      "test/a.test.ts": "",
    }),
  );

  it("resolves the package, and its subpaths, to the tarball the nearest declaration names", () => {
    expect(resolver.resolve("greet", "test/a.test.ts", "static")).toEqual({
      kind: "file",
      path: "vendor/greet-1.0.0.tgz",
      via: "file: dependency on the tarball vendor/greet-1.0.0.tgz",
      packageName: "greet",
    });
    expect(resolver.resolve("greet/sub/x.js", "packages/web/src/a.ts", "static")).toMatchObject({
      path: "vendor/greet-2.0.0.tgz",
      alternatives: ["vendor/greet-1.0.0.tgz"],
    });
  });

  it("takes every declaration of the name when none is above the importer (hoisted)", () => {
    expect(resolver.resolve("shout", "packages/api/src/a.ts", "static")).toMatchObject({
      kind: "file",
      path: "packages/web/shout.tar.gz",
    });
  });

  it("leaves registry packages, and tarballs no commit holds, as installed packages", () => {
    expect(resolver.resolve("left", "test/a.test.ts", "static")).toEqual({
      kind: "external",
      packageName: "left",
    });
    expect(resolver.resolve("gone", "test/a.test.ts", "static")).toEqual({
      kind: "external",
      packageName: "gone",
    });
  });
});
