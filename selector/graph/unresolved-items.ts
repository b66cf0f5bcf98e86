import type { DependencyGraph, GraphNode, UnresolvedImport } from "./types.js";

/** An unresolved import and the file that makes it. */
export interface UnresolvedAt {
  node: GraphNode;
  item: UnresolvedImport;
}

/** The unresolved imports `pick` chooses, of the files at the head (a deleted file loads nothing). */
export function unresolvedItems(
  graph: DependencyGraph,
  pick: (item: UnresolvedImport) => boolean | undefined,
): UnresolvedAt[] {
  const found: UnresolvedAt[] = [];
  for (const node of graph.nodes.values()) {
    if (node.deleted) continue;
    for (const item of node.unresolved) if (pick(item)) found.push({ node, item });
  }
  return found;
}
