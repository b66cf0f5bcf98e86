import { isBuiltin } from "node:module";
import { augmentationEdges } from "../graph/synthetic/augmentation-edges.js";
import { jsxEdges } from "../graph/synthetic/jsx-edges.js";
import { mockEdges } from "../graph/synthetic/mock-edges.js";
import type { RunnerProject } from "../graph/synthetic/setup-edges.js";
import { setupEdges } from "../graph/synthetic/setup-edges.js";
import { snapshotEdges } from "../graph/synthetic/snapshot-edges.js";
import type { DependencyGraph, GraphEdge, GraphNode } from "../graph/types.js";
import { packageNameOf } from "../resolve/repo-path.js";
import type { LoadedSnapshot } from "./load-snapshot.js";

/**
 * The names a root `__mocks__` file can stand in for in a file: the packages it imports, the
 * package subpaths it names (`semver/functions/valid` takes `__mocks__/semver/functions/valid.js`),
 * and the Node built-ins it mocks (a root `__mocks__/fs.js` applies only where a test asks:
 * `jest.mock("fs")`, `vi.mock("node:fs")`).
 */
export function mockablePackages(node: GraphNode): string[] {
  const names = new Set(node.external);
  for (const record of node.facts?.imports ?? []) {
    if (record.kind === "mock" && isBuiltin(record.specifier))
      names.add(record.specifier.replace(/^node:/, ""));
    else if (!record.typeOnly && node.external.includes(packageNameOf(record.specifier)))
      names.add(record.specifier);
  }
  return [...names];
}

/**
 * Edges the imports don't show: snapshots, `__mocks__`, runner setup files, the JSX runtime, module
 * augmentations.
 */
export function syntheticEdges(
  snapshot: LoadedSnapshot,
  tests: readonly string[],
  graph: DependencyGraph,
  projects: readonly RunnerProject[],
): GraphEdge[] {
  const externalImports = new Map([...graph.nodes].map(([path, node]) => [path, mockablePackages(node)]));
  return [
    ...snapshotEdges(snapshot.paths, snapshot.has, tests),
    ...mockEdges({ paths: snapshot.paths, has: snapshot.has, externalImports }),
    ...setupEdges(projects, tests),
    ...jsxEdges(snapshot.paths, snapshot.resolver),
    ...augmentationEdges(graph.nodes.values(), snapshot.resolver),
  ];
}
