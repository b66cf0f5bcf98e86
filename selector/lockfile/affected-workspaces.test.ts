import { describe, expect, it } from "vitest";
import { affectedWorkspaces, type LockfileWorkspace } from "./affected-workspaces.js";
import type { PackageChanges } from "./types.js";

const WORKSPACES: LockfileWorkspace[] = [
  { name: "acme", dir: "", dependencies: ["vitest"] },
  { name: "@acme/schemas", dir: "packages/schemas", dependencies: ["zod"] },
  { name: "@acme/api", dir: "packages/api", dependencies: ["@acme/schemas", "express"] },
  { name: "@acme/web", dir: "packages/web", dependencies: ["react"] },
];

const relations = (entries: Record<string, string[]>) =>
  new Map(Object.entries(entries).map(([name, deps]) => [name, new Set(deps)]));

const RELATIONS = relations({
  express: ["qs", "body-parser"],
  "body-parser": ["qs"],
  react: ["loose-envify"],
  // Cycles exist in real lockfiles; the walk must end.
  "es-abstract": ["call-bind"],
  "call-bind": ["es-abstract", "qs"],
});

function bump(name: string, before: string, after: string): PackageChanges {
  return { changed: new Set([name]), versions: new Map([[name, { before: [before], after: [after] }]]) };
}

describe("affectedWorkspaces", () => {
  it("affects the workspace that uses a bumped package directly and the workspaces depending on it", () => {
    const affected = affectedWorkspaces({
      changes: bump("zod", "3.22.0", "3.23.8"),
      relations: RELATIONS,
      workspaces: WORKSPACES,
    });
    expect(affected.map((ws) => [ws.dir, ws.reason])).toEqual([
      ["packages/api", "zod 3.22.0 -> 3.23.8 (via @acme/schemas)"],
      ["packages/schemas", "zod 3.22.0 -> 3.23.8"],
    ]);
  });

  it("follows transitive dependencies through the lockfile, by the shortest path, leaving unrelated workspaces out", () => {
    const affected = affectedWorkspaces({
      changes: bump("qs", "6.11.0", "6.12.1"),
      relations: RELATIONS,
      workspaces: WORKSPACES,
    });
    expect(affected).toEqual([
      {
        dir: "packages/api",
        name: "@acme/api",
        reason: "qs 6.11.0 -> 6.12.1 (via express)",
        reasons: ["qs 6.11.0 -> 6.12.1 (via express)"],
        packages: ["qs"],
      },
    ]);
  });

  it("ends on cycles", () => {
    const workspaces = [{ name: "w", dir: "w", dependencies: ["es-abstract"] }];
    const affected = affectedWorkspaces({ changes: bump("qs", "1", "2"), relations: RELATIONS, workspaces });
    expect(affected.map((ws) => ws.reason)).toEqual(["qs 1 -> 2 (via es-abstract -> call-bind)"]);
  });

  it("affects importers whose own entry changed, and their dependents", () => {
    const changes: PackageChanges = {
      changed: new Set(),
      byImporter: new Map([["packages/schemas", new Set(["zod"])]]),
    };
    const affected = affectedWorkspaces({ changes, relations: RELATIONS, workspaces: WORKSPACES });
    expect(affected.map((ws) => [ws.dir, ws.reason])).toEqual([
      ["packages/api", "dependencies of @acme/schemas changed (zod)"],
      ["packages/schemas", "zod specifier changed"],
    ]);
  });

  it("adds the lockfile's directory to importer directories and ignores workspaces outside it", () => {
    const workspaces = [
      { name: "web", dir: "apps/web", dependencies: ["react"] },
      { name: "other", dir: "tools/other", dependencies: ["react"] },
    ];
    const changes: PackageChanges = {
      ...bump("react", "18.2.0", "18.3.1"),
      byImporter: new Map([["", new Set(["react"])]]),
    };
    const affected = affectedWorkspaces({
      changes,
      relations: RELATIONS,
      workspaces,
      lockfileDir: "apps/web",
    });
    expect(affected.map((ws) => [ws.dir, ws.reasons])).toEqual([["apps/web", ["react 18.2.0 -> 18.3.1"]]]);
  });

  it("summarises many reasons on one line", () => {
    const names = ["a", "b", "c", "d", "e"];
    const changes: PackageChanges = { changed: new Set(names) };
    const workspaces = [{ name: "w", dir: "w", dependencies: names }];
    const [ws] = affectedWorkspaces({ changes, relations: new Map(), workspaces });
    expect(ws?.reason).toBe("a changed; b changed; c changed (+2 more)");
  });
});
