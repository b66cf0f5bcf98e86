import { describe, expect, it } from "vitest";
import { decl, facts, graphOf, imp, literalResolver } from "../../test/support/graph-fixtures.js";
import type { ChangeSeed } from "../graph/symbol-reach.js";
import type { Resolver } from "../resolve/types.js";
import { forceGlobalDeclarations } from "./global-declarations.js";

const GRAPH = graphOf({
  "src/env.ts": facts({
    declarations: [
      decl("global", 1, 3, { kind: "other", exportedAs: [] }),
      decl("start", 5, 7, { kind: "function", exportedAs: ["start"] }),
    ],
  }),
  "src/main.ts": facts({ imports: [imp("src/env.ts", "*")] }),
  "src/unused-env.ts": facts({ declarations: [decl("global", 1, 3, { kind: "other", exportedAs: [] })] }),
  "test/main.test.ts": facts({ imports: [imp("src/main.ts", "*")] }),
  "test/shout.test.ts": facts(),
  "test/plain.test.js": facts(),
  "packages/other/test/other.test.ts": facts(),
});
const TESTS = [
  "test/main.test.ts",
  "test/shout.test.ts",
  "test/plain.test.js",
  "packages/other/test/other.test.ts",
];
const RESOLVER: Resolver = {
  ...literalResolver,
  tsconfigFor: (path) =>
    path.startsWith("packages/other/") ? "packages/other/tsconfig.json" : "tsconfig.json",
};

function kept(seed: Partial<ChangeSeed> & { path: string }): string[] {
  const forced = new Map<string, string[]>();
  forceGlobalDeclarations({
    forced,
    graph: GRAPH,
    seeds: [{ fileLevel: false, locals: [], exports: [], ...seed }],
    tests: TESTS,
    typeChecked: (test) => test.endsWith(".ts"),
    resolver: RESOLVER,
  });
  return [...forced.keys()].sort();
}

describe("a changed `declare global` in a file some module imports", () => {
  it("keeps every type-checked test of its tsconfig, loaded or not", () => {
    expect(kept({ path: "src/env.ts", locals: ["global"] })).toEqual([
      "test/main.test.ts",
      "test/shout.test.ts",
    ]);
    expect(kept({ path: "src/env.ts", fileLevel: true })).toEqual([
      "test/main.test.ts",
      "test/shout.test.ts",
    ]);
  });

  it("leaves a change elsewhere in the file to the graph", () => {
    expect(kept({ path: "src/env.ts", locals: ["start"] })).toEqual([]);
  });

  it("leaves a file nobody imports to the ambient rule", () => {
    expect(kept({ path: "src/unused-env.ts", locals: ["global"] })).toEqual([]);
  });
});
