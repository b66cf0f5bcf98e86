import { describe, expect, it } from "vitest";
import { facts, imp } from "../../test/support/graph-fixtures.js";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "../resolve/create-resolver.js";
import { buildGraph } from "./build-graph.js";
import { binsLookup } from "./package-bins.js";

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

describe("a program spawned by bare name that a package bin declares", () => {
  const files: Record<string, string> = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "dist", rootDir: "src" } }),
    "package.json": JSON.stringify({ name: "@acme/mycli", bin: "./dist/cli.js" }),
    "tools/package.json": JSON.stringify({ name: "tools", bin: { gen: "gen.js", lost: "build/lost.js" } }),
    "tools/gen.js": "",
    "src/cli.ts": "",
    "test/a.test.ts": "",
  };
  const snapshot = snapshotFromRecord(files);
  const bin = (name: string, line: number) =>
    imp(name, "*", { kind: "url", spawned: true, packageBin: true, line });
  const graph = buildGraph({
    paths: snapshot.paths,
    facts: new Map([
      ["test/a.test.ts", facts({ imports: [bin("mycli", 2), bin("gen", 3), bin("lost", 4), bin("git", 5)] })],
    ]),
    resolver: createResolver(snapshot),
    isTest: (path) => path.endsWith(".test.ts"),
    bins: binsLookup(snapshot.paths, snapshot.readText),
  });
  const node = graph.nodes.get("test/a.test.ts")!;

  it("links the file the bin names, build output to its source, and leaves other programs alone", () => {
    expect(node.imports.map((e) => `${e.to}:${e.line}`)).toEqual(["src/cli.ts:2", "tools/gen.js:3"]);
  });

  it("keeps a bin whose file no commit holds and no tsconfig maps, with the reason", () => {
    expect(node.unresolved.map((u) => `${u.specifier}:${u.line}`)).toEqual(["lost:4"]);
    expect(node.unresolved[0]!.reason).toContain('the bin "lost" of tools/package.json');
  });
});
