import { describe, expect, it } from "vitest";
import { facts, graphOf, imp } from "../../test/support/graph-fixtures.js";
import { fileReach, pathTo } from "./file-reach.js";

describe("fileReach", () => {
  const graph = graphOf({
    "src/a.ts": facts(),
    "src/b.ts": facts({ imports: [imp("src/a.ts", "*")] }),
    "src/c.ts": facts({ imports: [imp("src/b.ts", "*"), imp("src/c.ts", "*")] }),
    "test/c.test.ts": facts({ imports: [imp("src/c.ts", "*"), imp("src/a.ts", "*", { kind: "template" })] }),
    "test/weak.test.ts": facts({ imports: [imp("src/a.ts", "*", { kind: "template" })] }),
    "test/other.test.ts": facts(),
  });

  it("walks importers and records a shortest strong path", () => {
    const reach = fileReach(graph, ["src/a.ts"]);
    expect(reach.get("test/c.test.ts")?.distance).toBe(3);
    expect(reach.get("test/c.test.ts")?.weakOnly).toBe(false);
    expect(pathTo(reach, "test/c.test.ts")).toEqual(["src/a.ts", "src/b.ts", "src/c.ts", "test/c.test.ts"]);
    expect(reach.has("test/other.test.ts")).toBe(false);
  });

  it("marks what only an import inside a string reaches as weak", () => {
    const reach = fileReach(graph, ["src/a.ts"]);
    expect(reach.get("test/weak.test.ts")).toMatchObject({ distance: 1, weakOnly: true });
  });

  it("counts the changed files that reach a file", () => {
    const reach = fileReach(graph, ["src/a.ts", "src/c.ts"]);
    expect(reach.get("test/c.test.ts")?.sources).toEqual(new Set(["src/c.ts", "src/a.ts"]));
  });
});
