import { describe, expect, it } from "vitest";
import { facts, imp } from "../../test/support/graph-fixtures.js";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "../resolve/create-resolver.js";
import { buildGraph } from "./build-graph.js";

describe("what a spawned path links to", () => {
  const snapshot = snapshotFromRecord({
    "tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "dist", rootDir: "src" } }),
    "src/cli.ts": "",
    "test/a.test.ts": "",
  });
  const spawned = { kind: "url" as const, spawned: true as const };
  const graph = buildGraph({
    paths: snapshot.paths,
    facts: new Map([
      [
        "test/a.test.ts",
        facts({
          imports: [
            imp("../dist/cli.js", "*", { ...spawned, script: true, line: 3 }),
            imp("../build/gen.js", "*", { ...spawned, script: true, line: 4 }),
            imp("../out/report.txt", "*", { ...spawned, line: 5 }),
          ],
        }),
      ],
    ]),
    resolver: createResolver(snapshot),
    isTest: (path) => path.endsWith(".test.ts"),
  });
  const node = graph.nodes.get("test/a.test.ts")!;

  it("follows build output Node runs to its source when the tsconfig maps it", () => {
    expect(node.imports.map((e) => `${e.to}:${e.line} ${e.via}`)).toEqual([
      "src/cli.ts:3 a script it runs (build output: dist/ is built from src/ (tsconfig outDir, rootDir))",
    ]);
  });

  it("keeps a script Node runs that no commit holds, and takes a program's missing argument as a word", () => {
    expect(node.unresolved.map((u) => `${u.specifier}:${u.line}`)).toEqual(["../build/gen.js:4"]);
    expect(node.unresolved[0]!.reason).toContain("no commit holds");
  });
});
