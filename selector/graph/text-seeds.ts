import type { FileChange } from "../diff/types.js";
import type { ChangeSeed } from "./symbol-reach.js";
import type { DependencyGraph } from "./types.js";

/**
 * Files that read a changed file's bytes (`import text from "./a.ts?raw"`, a glob with
 * `query: "?raw"`): any edit changes what they hold, a comment too, so the bindings that hold it
 * change; a glob's, held by no single name, changes the whole importer.
 */
export function textSeeds(graph: DependencyGraph, changes: readonly FileChange[]): ChangeSeed[] {
  const seeds: ChangeSeed[] = [];
  for (const change of changes) {
    for (const path of new Set([change.path, change.oldPath ?? change.path])) {
      for (const edge of graph.nodes.get(path)?.importers ?? []) {
        if (!edge.text) continue;
        const locals = edge.names !== "*" && edge.locals ? edge.locals : undefined;
        seeds.push({
          path: edge.from,
          fileLevel: !locals,
          locals: locals ?? [],
          exports: [],
          evaluates: false,
        });
      }
    }
  }
  return seeds;
}
