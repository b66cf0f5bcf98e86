import { isBuiltin } from "node:module";
import { jsxEdges } from "../graph/synthetic/jsx-edges.js";
import { mockEdges } from "../graph/synthetic/mock-edges.js";
import type { RunnerProject } from "../graph/synthetic/setup-edges.js";
import { setupEdges } from "../graph/synthetic/setup-edges.js";
import { snapshotEdges } from "../graph/synthetic/snapshot-edges.js";
import type { DependencyGraph, GraphEdge, GraphNode } from "../graph/types.js";
import type { LoadedSnapshot } from "./load-snapshot.js";

/**
 * The packages a file imports, and the Node built-ins it mocks: a root `__mocks__/fs.js` stands in
 * for `fs` only where a test asks (`jest.mock("fs")`, `vi.mock("node:fs")`).
 */
export function mockablePackages(node: GraphNode): string[] {
  const builtins = (node.facts?.imports ?? [])
    .filter((record) => record.kind === "mock" && isBuiltin(record.specifier))
    .map((record) => record.specifier.replace(/^node:/, ""));
  return builtins.length === 0 ? node.external : [...node.external, ...builtins];
}

/** Edges the imports don't show: snapshots, `__mocks__`, runner setup files, the JSX runtime. */
export function syntheticEdges(
  snapshot: LoadedSnapshot,
  tests: readonly string[],
  graph: DependencyGraph,
  projects: readonly RunnerProject[],
): GraphEdge[] {
  const externalImports = new Map([...graph.nodes].map(([path, node]) => [path, mockablePackages(node)]));
  return [
    ...snapshotEdges(snapshot.paths, snapshot.has),
    ...mockEdges({ paths: snapshot.paths, has: snapshot.has, externalImports }),
    ...setupEdges(projects, tests),
    ...jsxEdges(snapshot.paths, snapshot.resolver),
  ];
}
