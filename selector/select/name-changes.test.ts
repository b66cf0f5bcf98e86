import { describe, expect, it } from "vitest";
import { decl, facts, graphOf, imp } from "../../test/support/graph-fixtures.js";
import { symbolReach } from "../graph/symbol-reach.js";
import { coverageBlindSeeds, nameChangeSeeds, ownExports } from "./name-changes.js";

const before = facts({ declarations: [decl("a", 1, 1), decl("b", 2, 2)] });
const after = facts({ declarations: [decl("a", 1, 1), decl("c", 2, 2)] });
const seed = { path: "src/m.ts", fileLevel: false, locals: ["a", "c"], exports: [], evaluates: false };

describe("name changes", () => {
  it("reads the names a module exports itself, re-exports included", () => {
    const re = facts({
      imports: [imp("./x", ["p"], { kind: "reexport", reexports: [{ exported: "q", imported: "p" }] })],
      localExports: [{ exported: "r", local: "r", line: 1 }],
    });
    expect([...ownExports(re)].sort()).toEqual(["q", "r"]);
  });

  it("seeds only the names added or removed, not the edited ones", () => {
    const seeds = nameChangeSeeds(
      [seed],
      new Map([["src/m.ts", after]]),
      new Map([["src/m.ts", before]]),
      (p) => p,
    );
    expect(seeds).toEqual([
      { path: "src/m.ts", fileLevel: false, locals: [], exports: ["c", "b"], evaluates: false },
    ]);
    const same = nameChangeSeeds(
      [seed],
      new Map([["src/m.ts", before]]),
      new Map([["src/m.ts", before]]),
      (p) => p,
    );
    expect(same).toEqual([]);
  });

  it("reaches a test that reads the namespace whole, not one that imports an edited name", () => {
    const graph = graphOf({
      "src/m.ts": after,
      "test/enumerates.test.ts": facts({ imports: [imp("./src/m.ts", "*", { namespaceLocal: "m" })] }),
      "test/named.test.ts": facts({ imports: [imp("./src/m.ts", ["a"])] }),
    });
    const seeds = nameChangeSeeds(
      [seed],
      new Map([["src/m.ts", after]]),
      new Map([["src/m.ts", before]]),
      (p) => p,
    );
    const reach = symbolReach(graph, seeds, { runtimeOnly: true });
    expect(reach.has("test/enumerates.test.ts")).toBe(true);
    expect(reach.has("test/named.test.ts")).toBe(false);
  });

  it("makes blind whatever reads a changed file without loading it, and files coverage does not record", () => {
    const graph = graphOf({
      "fixtures/input.ts": facts(),
      "test/reads.test.ts": facts({ imports: [imp("./fixtures/input.ts", "*", { kind: "url" })] }),
      "data/table.json": undefined,
    });
    const written = [
      { path: "fixtures/input.ts", fileLevel: false, locals: ["x"], exports: [], evaluates: false },
      { path: "data/table.json", fileLevel: true, locals: [], exports: [] },
    ];
    const blind = coverageBlindSeeds(graph, written, [], [], (path) => path.endsWith(".ts"));
    expect(blind.map((s) => s.path).sort()).toEqual(["data/table.json", "test/reads.test.ts"]);
  });
});
