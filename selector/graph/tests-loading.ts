import { runsTarget } from "./symbol-reach.js";
import type { DependencyGraph } from "./types.js";

/** Tests that load `start` when they run: directly, or through what imports it at run time. */
export function testsLoading(graph: DependencyGraph, start: string): string[] {
  const seen = new Set([start]);
  const stack = [start];
  const tests: string[] = [];
  while (stack.length > 0) {
    const node = graph.nodes.get(stack.pop()!)!;
    if (node.isTest && !node.deleted) tests.push(node.path);
    for (const edge of node.importers) {
      if (!runsTarget(edge) || seen.has(edge.from)) continue;
      seen.add(edge.from);
      stack.push(edge.from);
    }
  }
  return tests;
}
