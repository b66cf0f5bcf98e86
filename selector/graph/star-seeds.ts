import { exportNamesOf } from "./export-names.js";
import { type ChangeSeed, DATA_FILE, isOpaque } from "./symbol-reach.js";
import type { DependencyGraph, GraphEdge } from "./types.js";

/** Imports that exist only for the type checker load nothing. */
const TYPE_ONLY_KINDS = new Set(["type", "reference"]);

/** Whether the file, and every file its star re-exports reach, can be read by name. */
function readableByName(graph: DependencyGraph, path: string, seen = new Set<string>()): boolean {
  if (seen.has(path)) return true;
  seen.add(path);
  const node = graph.nodes.get(path);
  if (!node?.facts || isOpaque(path, node.facts)) return false;
  return node.imports.every((edge) => edge.kind !== "reexport-all" || readableByName(graph, edge.to, seen));
}

/** Whether loading the file runs code beyond defining declarations, in it or in anything it loads. */
function loadRunsCode(graph: DependencyGraph, start: string): boolean {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const path = queue.pop()!;
    const node = graph.nodes.get(path);
    if (!node) continue;
    const facts = node.facts;
    if (!facts) {
      if (!DATA_FILE.test(path)) return true;
      continue;
    }
    // A declaration evaluated on load (`const x = make()`) runs too, and may read an import that a
    // new load order leaves uninitialised (a cycle through the barrel).
    if (
      isOpaque(path, facts) ||
      facts.statements.length > 0 ||
      facts.declarations.some((d) => d.runsOnLoad)
    ) {
      return true;
    }
    for (const edge of node.imports) {
      if (edge.typeOnly || TYPE_ONLY_KINDS.has(edge.kind) || seen.has(edge.to)) continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return false;
}

/**
 * Resolves the `export * from` lines an edit added (ChangeSeed.starLines) against the head graph:
 * the file now exports every name its target exports (through the target's own stars), which is
 * what its importers can see change, and loading it now loads the target, which runs changed code
 * when anything the target loads runs code at load. A line with no edge (an external package, an
 * unresolved path) or a target not readable by name leaves the names unknown: the whole file counts.
 */
export function resolveStarSeeds(graph: DependencyGraph, seeds: readonly ChangeSeed[]): ChangeSeed[] {
  const exportNames = exportNamesOf(graph);
  return seeds.map((seed) => {
    if (!seed.starLines) return seed;
    const { starLines, ...rest } = seed;
    const resolved: ChangeSeed = {
      ...rest,
      exports: [...seed.exports],
      runtime: { locals: [...(seed.runtime ?? seed).locals], exports: [...(seed.runtime ?? seed).exports] },
    };
    const edges = graph.nodes.get(seed.path)?.imports.filter((e) => e.kind === "reexport-all") ?? [];
    for (const line of starLines) {
      const edge: GraphEdge | undefined = edges.find((e) => e.line === line);
      // A target that exports no name it can read may export in ways not read (CommonJS).
      const names = edge && !edge.reexportNamespace ? exportNames(edge.to) : new Set<string>();
      if (!edge || !readableByName(graph, edge.to) || (!edge.reexportNamespace && names.size === 0)) {
        resolved.fileLevel = true;
        resolved.evaluates = true;
        continue;
      }
      if (!edge.typeOnly && loadRunsCode(graph, edge.to)) resolved.evaluates = true;
      // `export * as ns from` binds one name, already among the seed's exports.
      if (edge.reexportNamespace) continue;
      for (const name of names) {
        if (name === "default") continue;
        resolved.exports.push(name);
        if (!edge.typeOnly) resolved.runtime!.exports.push(name);
      }
    }
    return resolved;
  });
}
