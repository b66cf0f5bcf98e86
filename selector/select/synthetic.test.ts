import { describe, expect, it } from "vitest";
import { facts, imp } from "../../test/support/graph-fixtures.js";
import type { GraphNode } from "../graph/types.js";
import { mockablePackages } from "./synthetic.js";

const node = (external: string[], imports: ReturnType<typeof imp>[]) =>
  ({ external, facts: facts({ imports }) }) as unknown as GraphNode;

describe("mockablePackages: the packages a root __mocks__ file can stand in for, per file", () => {
  it("the packages a file imports, and the Node built-ins it mocks by name (node: or not)", () => {
    const mocks = [imp("fs", "*", { kind: "mock" }), imp("node:path", "*", { kind: "mock" })];
    expect(mockablePackages(node(["axios"], [...mocks, imp("./local", "*", { kind: "mock" })]))).toEqual([
      "axios",
      "fs",
      "path",
    ]);
  });

  it("the package subpaths it names, not the types it imports", () => {
    const imports = [
      imp("semver/functions/valid", "*", { kind: "require" }),
      imp("semver/types", ["T"], { typeOnly: true }),
    ];
    expect(mockablePackages(node(["semver"], imports))).toEqual(["semver", "semver/functions/valid"]);
  });

  it("not a built-in the file only imports: Jest mocks those only when asked", () => {
    expect(mockablePackages(node([], [imp("fs", "*", { kind: "require" })]))).toEqual([]);
  });
});
