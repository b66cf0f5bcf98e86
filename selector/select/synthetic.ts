import { jsxEdges } from "../graph/synthetic/jsx-edges.js";
import { mockEdges } from "../graph/synthetic/mock-edges.js";
import type { RunnerProject } from "../graph/synthetic/setup-edges.js";
import { setupEdges } from "../graph/synthetic/setup-edges.js";
import { snapshotEdges } from "../graph/synthetic/snapshot-edges.js";
import type { DependencyGraph, GraphEdge } from "../graph/types.js";
import type { LoadedSnapshot } from "./load-snapshot.js";

/** Edges the imports don't show: snapshots, `__mocks__`, runner setup files, the JSX runtime. */
export function syntheticEdges(
  snapshot: LoadedSnapshot,
  tests: readonly string[],
  graph: DependencyGraph,
  projects: readonly RunnerProject[],
): GraphEdge[] {
  const externalImports = new Map([...graph.nodes].map(([path, node]) => [path, node.external]));
  return [
    ...snapshotEdges(snapshot.paths, snapshot.has),
    ...mockEdges({ paths: snapshot.paths, has: snapshot.has, externalImports }),
    ...setupEdges(projects, tests),
    ...jsxEdges(snapshot.paths, snapshot.resolver),
  ];
}
