import { runsTarget } from "./symbol-reach.js";
import type { DependencyGraph, GraphEdge } from "./types.js";

/**
 * The tests that load `path` when they run: its importers, transitively, along edges that run
 * their target (no type-only imports); for a test `typeChecked` says its runner type-checks what
 * it loads, along every edge. Whatever names they take: a file that fails to load fails them all.
 */
export function testsLoading(
  graph: DependencyGraph,
  path: string,
  typeChecked: (test: string) => boolean,
): string[] {
  const runtime = reachedTests(graph, path, runsTarget);
  const typed = reachedTests(graph, path, () => true);
  return [...new Set([...runtime, ...typed.filter(typeChecked)])].sort();
}

function reachedTests(graph: DependencyGraph, path: string, follow: (edge: GraphEdge) => boolean): string[] {
  const seen = new Set<string>([path]);
  const stack = [path];
  const tests: string[] = [];
  while (stack.length > 0) {
    const node = graph.nodes.get(stack.pop()!);
    if (!node) continue;
    if (node.isTest && !node.deleted) tests.push(node.path);
    for (const edge of node.importers) {
      if (seen.has(edge.from) || !follow(edge)) continue;
      seen.add(edge.from);
      stack.push(edge.from);
    }
  }
  return tests;
}
