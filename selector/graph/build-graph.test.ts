import { describe, expect, it } from "vitest";
import { facts, literalResolver } from "../../test/support/graph-fixtures.js";
import type { ImportRecord } from "../extract/types.js";
import { buildGraph } from "./build-graph.js";

const FOLDER = ["snapshots/price.test.js.snap", "snapshots/notes.json"];

/** The reads of a module that spells `snapshots/` and a run-time name (`join(root, name)`). */
function readsOf(record: Partial<ImportRecord>): string[] {
  const read: ImportRecord = {
    specifier: "./snapshots/**",
    kind: "url",
    names: "*",
    typeOnly: false,
    line: 6,
    fsRead: true,
    computed: "pattern",
    ...record,
  };
  const graph = buildGraph({
    paths: ["resolver.js", ...FOLDER],
    facts: new Map([["resolver.js", facts({ imports: [read] })]]),
    resolver: { ...literalResolver, resolveGlob: () => [...FOLDER] },
    isTest: () => false,
  });
  return (graph.nodes.get("resolver.js")?.reads ?? []).map((r) => r.path);
}

describe("reads of a folder and a run-time name", () => {
  it("a path handed on (a snapshot resolver's) reads the folder's files but not its snapshots", () => {
    expect(readsOf({ spelledValue: true })).toEqual(["snapshots/notes.json"]);
  });

  it("an fs read of the folder reads its snapshots too", () => {
    expect(readsOf({})).toEqual(FOLDER);
  });
});
