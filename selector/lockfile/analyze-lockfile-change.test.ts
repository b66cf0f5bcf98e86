import { describe, expect, it } from "vitest";
import { analyzeLockfileChange, type LockfileChange, workspacesReaching } from "./analyze-lockfile-change.js";

function ok(result: LockfileChange | { error: string }): LockfileChange {
  if ("error" in result) throw new Error(result.error);
  return result;
}

const pnpm = (qs: string) => `lockfileVersion: '9.0'
importers:
  .: {}
  packages/api:
    dependencies:
      express: {specifier: ^4.0.0, version: 4.19.2}
      '@acme/schemas': {specifier: workspace:*, version: link:../schemas}
  packages/schemas:
    dependencies:
      zod: {specifier: ^3.22.0, version: 3.22.0}
  packages/web:
    dependencies:
      react: {specifier: ^18.0.0, version: 18.3.1}
packages:
  express@4.19.2: {resolution: {integrity: sha512-e}}
  qs@${qs}: {resolution: {integrity: sha512-q${qs}}}
  react@18.3.1: {resolution: {integrity: sha512-r}}
  zod@3.22.0: {resolution: {integrity: sha512-z}}
snapshots:
  express@4.19.2:
    dependencies:
      qs: ${qs}
  qs@${qs}: {}
  react@18.3.1: {}
  zod@3.22.0: {}
`;

const yarnV1 = (qs: string) => `# yarn lockfile v1

express@^4.0.0:
  version "4.19.2"
  dependencies:
    qs "^6.0.0"

qs@^6.0.0:
  version "${qs}"

react@^18.0.0:
  version "18.3.1"
`;

const WORKSPACES = [
  { name: "acme", dir: "", dependencies: [] },
  { name: "@acme/api", dir: "packages/api", dependencies: ["express", "@acme/schemas"] },
  { name: "@acme/schemas", dir: "packages/schemas", dependencies: ["zod"] },
  { name: "@acme/web", dir: "packages/web", dependencies: ["react"] },
];

describe("analyzeLockfileChange", () => {
  it("pnpm: a transitive bump affects only the workspace that uses it", () => {
    const result = ok(
      analyzeLockfileChange({
        path: "pnpm-lock.yaml",
        baseText: pnpm("6.11.0"),
        headText: pnpm("6.12.1"),
        workspaces: WORKSPACES,
      }),
    );
    expect(result.workspaces.map((ws) => [ws.dir, ws.reason])).toEqual([
      ["packages/api", "qs 6.11.0 -> 6.12.1 (via express)"],
    ]);
    expect(result.unattributed).toEqual([]);
  });

  it("pnpm: works from the lockfile's importers alone when the workspace list is empty", () => {
    const result = ok(
      analyzeLockfileChange({
        path: "pnpm-lock.yaml",
        baseText: pnpm("6.11.0"),
        headText: pnpm("6.12.1"),
        workspaces: [],
      }),
    );
    expect(result.workspaces.map((ws) => ws.dir)).toEqual(["packages/api"]);
  });

  it("yarn v1: narrows with the workspace list, since the lockfile records no workspaces", () => {
    const result = ok(
      analyzeLockfileChange({
        path: "yarn.lock",
        baseText: yarnV1("6.11.0"),
        headText: yarnV1("6.12.1"),
        workspaces: WORKSPACES,
      }),
    );
    expect(result.workspaces.map((ws) => [ws.dir, ws.reason])).toEqual([
      ["packages/api", "qs 6.11.0 -> 6.12.1 (via express)"],
    ]);
  });

  it("reports changed packages no workspace reaches", () => {
    const head = yarnV1("6.11.0").replace(
      "react@^18.0.0",
      'left-pad@^1.0.0:\n  version "1.3.0"\n\nreact@^18.0.0',
    );
    const result = ok(
      analyzeLockfileChange({
        path: "yarn.lock",
        baseText: yarnV1("6.11.0"),
        headText: head,
        workspaces: WORKSPACES,
      }),
    );
    expect([result.workspaces, result.unattributed]).toEqual([[], ["left-pad"]]);
  });

  it("errors when it cannot narrow: unreadable text, binary bun.lockb, no workspaces", () => {
    const broken = analyzeLockfileChange({
      path: "pnpm-lock.yaml",
      baseText: pnpm("6.11.0"),
      headText: "<<<<<<< HEAD\n",
      workspaces: WORKSPACES,
    });
    expect(broken).toEqual({ error: expect.stringMatching(/^pnpm-lock\.yaml at head unreadable: /) });
    const binary = analyzeLockfileChange({
      path: "bun.lockb",
      baseText: "\u0000\u0001",
      headText: "\u0000\u0002",
      workspaces: WORKSPACES,
    });
    expect(binary).toEqual({ error: "bun.lockb at base unreadable: binary lockfile" });
    const none = analyzeLockfileChange({
      path: "yarn.lock",
      baseText: yarnV1("6.11.0"),
      headText: yarnV1("6.12.1"),
      workspaces: [],
    });
    expect(none).toEqual({ error: "yarn.lock: no workspace is known to narrow the change to" });
  });
});

describe("workspacesReaching", () => {
  const workspaces = [
    { name: "root", dir: "", dependencies: [] },
    { name: "app", dir: "packages/app", dependencies: ["ui-kit"] },
    { name: "other", dir: "packages/other", dependencies: ["zod"] },
  ];

  it("follows the lockfile's relation to the workspaces that reach the package", () => {
    const lock = `# yarn lockfile v1\n\n\nui-kit@^1.0.0:\n  version "1.0.0"\n  dependencies:\n    greet "^1.0.0"\n\ngreet@^1.0.0:\n  version "1.0.0"\n\nzod@^3.0.0:\n  version "3.0.0"\n`;
    const reached = workspacesReaching({ path: "yarn.lock", text: lock }, workspaces, ["greet"]);
    expect("error" in reached ? reached : reached.map((ws) => ws.dir)).toEqual(["packages/app"]);
  });

  it("without a lockfile, knows only the workspaces that declare the package", () => {
    const direct = workspacesReaching(undefined, workspaces, ["zod"]);
    expect("error" in direct ? direct : direct.map((ws) => ws.dir)).toEqual(["packages/other"]);
    expect(workspacesReaching(undefined, workspaces, ["greet"])).toEqual([]);
  });
});
