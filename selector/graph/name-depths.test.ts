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
    "test/app.test.ts": facts({
      imports: [imp("src/outer.ts", ["outer"]), imp("src/index.ts", ["published"])],
    }),
  });
  const seeds = [{ path: "src/lib.ts", fileLevel: false, locals: ["helper"], exports: [] }];

  it("counts one per declaration that uses the name, none per import, export or alias", () => {
    const depths = nameDepths(graph, seeds, 2).words;
    expect(depths.get("api")).toBe(1);
    expect(depths.get("published")).toBe(1);
    expect(depths.get("wrapper")).toBe(2);
  });

  it("notes a module's locals only where a test can write them: under the names they are exported as", () => {
    const depths = nameDepths(graph, seeds, 2).words;
    // `helper` is lib.ts's own, `inner` wrap.ts's name for `api`: a test writing either means something else.
    expect(depths.has("helper")).toBe(false);
    expect(depths.has("inner")).toBe(false);
    const viaTest = graphOf({
      "src/lib.ts": facts({ declarations: [decl("helper", 1, 2, { exportedAs: ["helper"] })] }),
      "test/lib.test.ts": facts({
        imports: [imp("src/lib.ts", ["helper"], { locals: ["aliased"] })],
        declarations: [decl("fixture", 1, 2, { exportedAs: [], references: ["aliased"] })],
      }),
    });
    const { words, inTests } = nameDepths(viaTest, seeds, 2);
    expect(words.get("helper")).toBe(0);
    // A test's own names count for that test only: another test's `aliased` or `fixture` is its own.
    expect(words.has("aliased")).toBe(false);
    expect(words.has("fixture")).toBe(false);
    expect(inTests.get("test/lib.test.ts")).toBe(0);
  });

  it("still notes a local a top-level statement hands on, as CommonJS exports do", () => {
    const cjs = graphOf({
      "src/lib.cjs": facts({
        declarations: [decl("helper", 1, 2, { exportedAs: [] })],
        statements: [{ range: { start: 3, end: 3 }, references: ["helper"] }],
      }),
      "test/lib.test.ts": facts({
        imports: [imp("src/lib.cjs", "*", { kind: "require", namespaceLocal: "lib" })],
      }),
    });
    const seed = { path: "src/lib.cjs", fileLevel: false, locals: ["helper"], exports: [] };
    const depths = nameDepths(cjs, [seed], 2).words;
    expect(depths.get("helper")).toBe(0);
  });

  it("a module no test imports hands no word out", () => {
    const script = graphOf({
      "src/lib.ts": facts({ declarations: [decl("api", 1, 2)] }),
      "scripts/demo.ts": facts({
        imports: [imp("src/lib.ts", ["api"])],
        declarations: [decl("schema", 1, 2, { references: ["api"] })],
        statements: [{ range: { start: 3, end: 3 }, references: ["schema"] }],
      }),
      "test/other.test.ts": facts({}),
    });
    const { words } = nameDepths(
      script,
      [{ path: "src/lib.ts", fileLevel: false, locals: ["api"], exports: ["api"] }],
      2,
    );
    expect(words.has("schema")).toBe(false);
    expect(words.has("api")).toBe(false);
  });

  it("a test's nearest own name is its own, and a namespace it reads through is no name", () => {
    const { inTests } = nameDepths(graph, seeds, 2);
    // ns.test.ts reads `lib.api`, at depth 1; `lib` itself is a container.
    expect(inTests.get("test/ns.test.ts")).toBe(1);
    const whole = nameDepths(
      graphOf({
        "src/lib.ts": facts({ declarations: [decl("api", 1, 2)] }),
        "test/ns.test.ts": facts({ imports: [imp("src/lib.ts", "*", { namespaceLocal: "lib" })] }),
      }),
      [{ path: "src/lib.ts", fileLevel: false, locals: ["api"], exports: ["api"] }],
      2,
    );
    expect(whole.inTests.has("test/ns.test.ts")).toBe(false);
    // A member the test does not read is none of its names.
    const other = nameDepths(
      graph,
      [{ path: "src/lib.ts", fileLevel: false, locals: ["unrelated"], exports: ["unrelated"] }],
      2,
    );
    expect(other.words.get("unrelated")).toBe(0);
    expect(other.inTests.has("test/ns.test.ts")).toBe(false);
  });

  it("stops at the depth asked for, and leaves out types, namespaces and the unaffected", () => {
    const depths = nameDepths(graph, seeds, 2).words;
    expect(depths.has("outer")).toBe(false);
    expect(depths.has("Shape")).toBe(false);
    expect(depths.has("lib")).toBe(false);
    expect(depths.has("unrelated")).toBe(false);
    expect(nameDepths(graph, seeds, 3).words.get("outer")).toBe(3);
  });

  it("a file-level seed puts every declaration of the file at depth 0", () => {
    const depths = nameDepths(
      graph,
      [{ path: "src/lib.ts", fileLevel: true, locals: [], exports: [] }],
      2,
    ).words;
    expect(depths.get("unrelated")).toBe(0);
    expect(depths.get("api")).toBe(0);
    expect(depths.has("Shape")).toBe(false);
    expect(depths.has("helper")).toBe(false);
  });
});
