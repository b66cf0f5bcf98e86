import type { DependencyGraph } from "./types.js";

/**
 * Every name a module exports, following `export * from` through barrels. Memoised per graph;
 * the visited set keeps re-export cycles harmless.
 */
export function exportNamesOf(graph: DependencyGraph): (path: string) => Set<string> {
  const memo = new Map<string, Set<string>>();
  const collect = (path: string, visiting: Set<string>): Set<string> => {
    const cached = memo.get(path);
    if (cached) return cached;
    const names = new Set<string>();
    const node = graph.nodes.get(path);
    if (!node || visiting.has(path)) return names;
    visiting.add(path);
    for (const declaration of node.facts?.declarations ?? []) {
      for (const name of declaration.exportedAs) names.add(name);
    }
    for (const local of node.facts?.localExports ?? []) names.add(local.exported);
    for (const edge of node.imports) {
      if (edge.kind === "reexport") for (const r of edge.reexports ?? []) names.add(r.exported);
      if (edge.kind !== "reexport-all") continue;
      if (edge.reexportNamespace) names.add(edge.reexportNamespace);
      else for (const name of collect(edge.to, visiting)) if (name !== "default") names.add(name);
    }
    visiting.delete(path);
    memo.set(path, names);
    return names;
  };
  return (path) => collect(path, new Set());
}
