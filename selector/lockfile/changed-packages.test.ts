import { describe, expect, it } from "vitest";
import { comparePackages } from "./changed-packages.js";
import { emptyModel, parseLockfile } from "./parse-lockfile.js";
import type { LockfileKind, PackageChanges } from "./types.js";

type PackageChangesResult = PackageChanges | { error: string };

/** Both sides parsed (undefined: the file did not exist there) and compared, as the lockfile rule does. */
function changedPackages(kind: LockfileKind, baseText?: string, headText?: string): PackageChangesResult {
  const base = baseText === undefined ? emptyModel() : parseLockfile(kind, baseText);
  if ("error" in base) return { error: `lockfile at base unreadable: ${base.error}` };
  const head = headText === undefined ? emptyModel() : parseLockfile(kind, headText);
  if ("error" in head) return { error: `lockfile at head unreadable: ${head.error}` };
  return comparePackages(base, head);
}

function ok(result: PackageChangesResult): PackageChanges {
  if ("error" in result) throw new Error(result.error);
  return result;
}

const npmLock = (qs: string, zodDeclared = "^3.22.0") =>
  JSON.stringify({
    name: "acme",
    lockfileVersion: 3,
    packages: {
      "": { name: "acme", workspaces: ["packages/*"], devDependencies: { vitest: "^4.0.0" } },
      "packages/api": { name: "@acme/api", dependencies: { express: "^4.0.0", zod: zodDeclared } },
      "node_modules/@acme/api": { resolved: "packages/api", link: true },
      "node_modules/express": { version: "4.19.2", integrity: "sha512-e", dependencies: { qs: "^6" } },
      "node_modules/qs": { version: qs, integrity: `sha512-qs${qs}` },
      "node_modules/zod": { version: "3.22.0", integrity: "sha512-z" },
      "packages/api/node_modules/zod": { version: "3.21.0", integrity: "sha512-z21" },
      "node_modules/vitest": { version: "4.0.14", integrity: "sha512-v", dev: true },
    },
  });

describe("changedPackages: package-lock.json", () => {
  it("names the packages whose version changed, with versions", () => {
    const changes = ok(changedPackages("npm", npmLock("6.11.0"), npmLock("6.12.1")));
    expect([...changes.changed]).toEqual(["qs"]);
    expect(changes.versions?.get("qs")).toEqual({ before: ["6.11.0"], after: ["6.12.1"] });
    expect(changes.byImporter).toEqual(new Map());
  });

  it("reports importers whose declared dependencies changed", () => {
    const changes = ok(changedPackages("npm", npmLock("6.11.0"), npmLock("6.11.0", "^3.23.0")));
    expect(changes.changed.size).toBe(0);
    expect(changes.byImporter).toEqual(new Map([["packages/api", new Set(["zod"])]]));
  });

  it("treats a missing side as everything added or removed", () => {
    expect(ok(changedPackages("npm", undefined, npmLock("6.11.0"))).changed).toEqual(
      new Set(["@acme/api", "express", "qs", "zod", "vitest"]),
    );
    expect(ok(changedPackages("npm", npmLock("6.11.0"), undefined)).versions?.get("zod")).toEqual({
      before: ["3.21.0", "3.22.0"],
      after: [],
    });
  });

  it("reads lockfileVersion 1 trees", () => {
    const v1 = (v: string) =>
      JSON.stringify({
        lockfileVersion: 1,
        dependencies: { a: { version: "1.0.0", requires: { b: "^1" }, dependencies: { b: { version: v } } } },
      });
    expect(ok(changedPackages("npm", v1("1.0.0"), v1("1.0.1"))).changed).toEqual(new Set(["b"]));
  });

  it("gives an error for a malformed lockfile", () => {
    const conflicted = `${npmLock("6.11.0").slice(0, 40)}\n<<<<<<< HEAD\n`;
    const result = changedPackages("npm", npmLock("6.11.0"), conflicted);
    expect(result).toEqual({ error: expect.stringMatching(/^lockfile at head unreadable: /) });
  });
});

const pnpmV9 = (zod: string) => `lockfileVersion: '9.0'

importers:
  .:
    devDependencies:
      vitest:
        specifier: ^4.0.0
        version: 4.0.14
  packages/schemas:
    dependencies:
      zod:
        specifier: ^3.22.0
        version: ${zod}
  packages/web:
    dependencies:
      react:
        specifier: ^18.0.0
        version: 18.3.1

packages:
  react@18.3.1:
    resolution: {integrity: sha512-r}
  vitest@4.0.14:
    resolution: {integrity: sha512-v}
  '@acme/zod-helper@1.0.0':
    resolution: {integrity: sha512-h}
  zod@${zod}:
    resolution: {integrity: sha512-z${zod}}

snapshots:
  react@18.3.1: {}
  vitest@4.0.14: {}
  '@acme/zod-helper@1.0.0(zod@${zod})':
    dependencies:
      zod: ${zod}
  zod@${zod}: {}
`;

describe("changedPackages: pnpm-lock.yaml", () => {
  it("v9: names changed packages (peer-suffixed snapshots included) and the importer that declares them", () => {
    const changes = ok(changedPackages("pnpm", pnpmV9("3.22.0"), pnpmV9("3.23.8")));
    expect(changes.changed).toEqual(new Set(["zod", "@acme/zod-helper"]));
    expect(changes.versions?.get("zod")).toEqual({ before: ["3.22.0"], after: ["3.23.8"] });
    expect(changes.byImporter).toEqual(new Map([["packages/schemas", new Set(["zod"])]]));
  });

  it("v6: keys with a leading slash", () => {
    const v6 = (v: string) =>
      `lockfileVersion: '6.0'\ndependencies:\n  a:\n    specifier: ^1.0.0\n    version: 1.0.0\npackages:\n  /a@1.0.0:\n    resolution: {integrity: sha512-a}\n    dependencies:\n      '@s/b': ${v}\n  /@s/b@${v}:\n    resolution: {integrity: sha512-b${v}}\n`;
    const changes = ok(changedPackages("pnpm", v6("2.0.0"), v6("2.1.0")));
    expect(changes.changed).toEqual(new Set(["@s/b"]));
    expect(changes.byImporter).toEqual(new Map());
  });

  it("gives an error for a malformed lockfile", () => {
    expect("error" in changedPackages("pnpm", pnpmV9("3.22.0"), "importers:\n  - [unclosed\n")).toBe(true);
    expect("error" in changedPackages("pnpm", "just text", pnpmV9("3.22.0"))).toBe(true);
  });
});

const yarnClassic = (qs: string) => `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


express@^4.0.0:
  version "4.19.2"
  resolved "https://registry.yarnpkg.com/express/-/express-4.19.2.tgz#abc"
  integrity sha512-e
  dependencies:
    qs "^6.11.0"

"qs@^6.11.0", qs@^6.12.0:
  version "${qs}"
  resolved "https://registry.yarnpkg.com/qs/-/qs-${qs}.tgz#def"
  integrity sha512-q${qs}

"@scope/x@^1.0.0":
  version "1.0.0"
  integrity sha512-x
`;

const yarnBerry = (zod: string) => `__metadata:
  version: 8
  cacheKey: 10c0

"@acme/schemas@workspace:packages/schemas":
  version: 0.0.0-use.local
  resolution: "@acme/schemas@workspace:packages/schemas"
  dependencies:
    zod: "npm:^3.22.0"
  languageName: unknown
  linkType: soft

"zod@npm:^3.22.0":
  version: ${zod}
  resolution: "zod@npm:${zod}"
  checksum: 10c0/${zod}
  languageName: node
  linkType: hard
`;

describe("changedPackages: yarn.lock", () => {
  it("v1: reads multi-descriptor headers and versions", () => {
    const changes = ok(changedPackages("yarn", yarnClassic("6.11.0"), yarnClassic("6.12.1")));
    expect(changes.changed).toEqual(new Set(["qs"]));
    expect(changes.byImporter).toBeUndefined();
  });

  it("berry: reads resolutions and workspace entries", () => {
    const changes = ok(changedPackages("yarn", yarnBerry("3.22.0"), yarnBerry("3.23.8")));
    expect(changes.changed).toEqual(new Set(["zod"]));
    expect(changes.versions?.get("zod")).toEqual({ before: ["3.22.0"], after: ["3.23.8"] });
  });

  it("gives an error for a malformed lockfile", () => {
    const conflicted = yarnClassic("6.11.0").replace("express@^4.0.0:", "<<<<<<< HEAD\nexpress@^4.0.0:");
    expect(changedPackages("yarn", yarnClassic("6.11.0"), conflicted)).toEqual({
      error: 'lockfile at head unreadable: line 5: Expected ":" or blank space but "\\n" found.',
    });
    expect(
      "error" in changedPackages("yarn", yarnBerry("3.22.0"), "__metadata:\n  version: 8\nzod@npm:1: [\n"),
    ).toBe(true);
  });
});

describe("changedPackages: bun.lock", () => {
  const bun = (zod: string) => `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "acme" },
    "packages/schemas": { "name": "@acme/schemas", "dependencies": { "zod": "^3.22.0" } },
  },
  "packages": {
    "@acme/schemas": ["@acme/schemas@workspace:packages/schemas"],
    "zod": ["zod@${zod}", "", {}, "sha512-${zod}"],
  }
}`;

  it("reads the text format and rejects the binary one", () => {
    expect(ok(changedPackages("bun", bun("3.22.0"), bun("3.23.8"))).changed).toEqual(new Set(["zod"]));
    expect(changedPackages("bun", "\u0000bun-lockfile-format-v0", bun("3.22.0"))).toEqual({
      error: "lockfile at base unreadable: binary lockfile",
    });
  });
});
