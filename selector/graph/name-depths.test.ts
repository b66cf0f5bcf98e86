import { describe, expect, it } from "vitest";
import { decl, facts, graphOf, imp } from "../../test/support/graph-fixtures.js";
import { nameDepths } from "./name-depths.js";

describe("nameDepths", () => {
  const graph = graphOf({
    "src/lib.ts": facts({
      declarations: [
        decl("helper", 1, 2, { exportedAs: [] }),
        decl("api", 3, 4, { references: ["helper"] }),
        decl("Shape", 5, 6, { kind: "type", references: ["helper"] }),
        decl("unrelated", 7, 8),
      ],
    }),
    "src/wrap.ts": facts({
      imports: [imp("src/lib.ts", ["api"], { locals: ["inner"] })],
      declarations: [decl("wrapper", 1, 3, { references: ["inner"] })],
    }),
    "src/outer.ts": facts({
      imports: [imp("src/wrap.ts", ["wrapper"], { locals: ["wrapper"] })],
      declarations: [decl("outer", 1, 3, { references: ["wrapper"] })],
    }),
    "src/index.ts": facts({
      imports: [
        imp("src/lib.ts", ["api"], {
          kind: "reexport",
          reexports: [{ exported: "published", imported: "api" }],
        }),
      ],
    }),
    "test/ns.test.ts": facts({
      imports: [imp("src/lib.ts", "*", { namespaceLocal: "lib", members: ["api"] })],
    }),
  });
  const seeds = [{ path: "src/lib.ts", fileLevel: false, locals: ["helper"], exports: [] }];

  it("counts one per declaration that uses the name, none per import, export or alias", () => {
    const depths = nameDepths(graph, seeds, 2);
    expect(depths.get("helper")).toBe(0);
    expect(depths.get("api")).toBe(1);
    expect(depths.get("published")).toBe(1);
    expect(depths.get("inner")).toBe(1);
    expect(depths.get("wrapper")).toBe(2);
  });

  it("stops at the depth asked for, and leaves out types, namespaces and the unaffected", () => {
    const depths = nameDepths(graph, seeds, 2);
    expect(depths.has("outer")).toBe(false);
    expect(depths.has("Shape")).toBe(false);
    expect(depths.has("lib")).toBe(false);
    expect(depths.has("unrelated")).toBe(false);
    expect(nameDepths(graph, seeds, 3).get("outer")).toBe(3);
  });

  it("a file-level seed puts every declaration of the file at depth 0", () => {
    const depths = nameDepths(graph, [{ path: "src/lib.ts", fileLevel: true, locals: [], exports: [] }], 2);
    expect(depths.get("unrelated")).toBe(0);
    expect(depths.get("api")).toBe(0);
    expect(depths.has("Shape")).toBe(false);
  });
});
