import type { DependencyGraph, GraphEdge } from "./types.js";

export interface FileReach {
  /** Hops from the nearest changed file (0 for a changed file). */
  distance: number;
  /** The edge this file was first reached through; its `to` is one hop closer to a change. */
  via?: GraphEdge;
  /** Reached only through a weak edge (an import written inside a string). */
  weakOnly: boolean;
  /** Changed files whose importers reach this file. */
  sources: Set<string>;
}

interface Walk {
  reach: Map<string, FileReach>;
  /** Whether any importer edge met on the way was weak: if none, skipping weak edges changes nothing. */
  metWeak: boolean;
}

function bfs(graph: DependencyGraph, seeds: readonly string[], useWeak: boolean): Walk {
  const reach = new Map<string, FileReach>();
  let metWeak = false;
  let frontier: string[] = [];
  for (const seed of seeds) {
    if (!graph.nodes.has(seed) || reach.has(seed)) continue;
    reach.set(seed, { distance: 0, weakOnly: false, sources: new Set() });
    frontier.push(seed);
  }
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const path of frontier) {
      const current = reach.get(path)!;
      for (const edge of graph.nodes.get(path)!.importers) {
        if (edge.weak) {
          metWeak = true;
          if (!useWeak) continue;
        }
        if (reach.has(edge.from)) continue;
        reach.set(edge.from, {
          distance: current.distance + 1,
          via: edge,
          weakOnly: false,
          sources: new Set(),
        });
        next.push(edge.from);
      }
    }
    frontier = next;
  }
  spreadSources(graph, reach, useWeak);
  return { reach, metWeak };
}

/** Which changed files reach each file: sets pushed along importers until none grows. */
function spreadSources(graph: DependencyGraph, reach: Map<string, FileReach>, useWeak: boolean): void {
  const queue = [...reach.keys()].filter((path) => reach.get(path)!.distance === 0);
  for (const path of queue) reach.get(path)!.sources.add(path);
  while (queue.length > 0) {
    const path = queue.pop()!;
    const sources = reach.get(path)!.sources;
    for (const edge of graph.nodes.get(path)!.importers) {
      if (edge.weak && !useWeak) continue;
      const target = reach.get(edge.from)!.sources;
      const before = target.size;
      for (const source of sources) target.add(source);
      if (target.size > before) queue.push(edge.from);
    }
  }
}

/**
 * Every file whose imports lead to a changed file, walking importers breadth-first so the
 * recorded path is a shortest one. Strong edges are walked first; what only weak edges reach is
 * marked `weakOnly`.
 */
export function fileReach(graph: DependencyGraph, changed: readonly string[]): Map<string, FileReach> {
  const { reach: all, metWeak } = bfs(graph, changed, true);
  // Without a weak edge in sight the strong walk would retrace this one step for step.
  if (!metWeak) return all;
  const strong = bfs(graph, changed, false).reach;
  for (const [path, reach] of all) {
    const strongReach = strong.get(path);
    if (strongReach) all.set(path, strongReach);
    else reach.weakOnly = true;
  }
  return all;
}

/** The chain of files from a change to `path`, changed file first. */
export function pathTo(reach: ReadonlyMap<string, { via?: GraphEdge }>, path: string): string[] {
  const chain = [path];
  const seen = new Set(chain);
  let edge = reach.get(path)?.via;
  while (edge && !seen.has(edge.to)) {
    chain.push(edge.to);
    seen.add(edge.to);
    edge = reach.get(edge.to)?.via;
  }
  return chain.reverse();
}
