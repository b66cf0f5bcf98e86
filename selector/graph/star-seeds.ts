import { exportNamesOf } from "./export-names.js";
import { type ChangeSeed, DATA_FILE, isOpaque, runsTarget } from "./symbol-reach.js";
import type { DependencyGraph, GraphEdge } from "./types.js";

/** Whether the file, and every file its star re-exports reach, can be read by name. */
function readableByName(graph: DependencyGraph, path: string, seen = new Set<string>()): boolean {
  if (seen.has(path)) return true;
  seen.add(path);
  const node = graph.nodes.get(path);
  if (!node?.facts || isOpaque(path, node.facts)) return false;
  // A star line without an edge re-exports a package or an unresolved path: names unknown here.
  const stars = node.imports.filter((edge) => edge.kind === "reexport-all");
  const written = node.facts.imports.filter((record) => record.kind === "reexport-all").length;
  if (stars.length < written) return false;
  return stars.every((edge) => readableByName(graph, edge.to, seen));
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
      if (!runsTarget(edge) || seen.has(edge.to)) continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return false;
}

/** What one added star line's target hands out, into `resolved`; `unknown` when that cannot be read. */
function addTarget(
  resolved: ChangeSeed,
  edge: GraphEdge,
  exportNames: (path: string) => Set<string>,
  graph: DependencyGraph,
  unknown: () => void,
): void {
  // A target that exports no name it can read may export in ways not read (CommonJS).
  const names = edge.reexportNamespace ? new Set<string>() : exportNames(edge.to);
  if (!readableByName(graph, edge.to) || (!edge.reexportNamespace && names.size === 0)) {
    unknown();
    return;
  }
  if (!edge.typeOnly && loadRunsCode(graph, edge.to)) resolved.evaluates = true;
  // `export * as ns from` binds one name, already among the seed's exports.
  for (const name of names) {
    if (name === "default") continue;
    resolved.exports.push(name);
    if (!edge.typeOnly) resolved.runtime!.exports.push(name);
  }
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
    const node = graph.nodes.get(seed.path);
    const edges = node?.imports.filter((e) => e.kind === "reexport-all") ?? [];
    const unknown = () => {
      resolved.fileLevel = true;
      resolved.evaluates = true;
    };
    for (const line of starLines) {
      const onLine = edges.filter((e) => e.line === line);
      // Two star lines can share a line; each written one needs its edge.
      const written =
        node?.facts?.imports.filter((r) => r.kind === "reexport-all" && r.line === line).length ?? 1;
      if (onLine.length === 0 || onLine.length < written) unknown();
      for (const edge of onLine) addTarget(resolved, edge, exportNames, graph, unknown);
    }
    return resolved;
  });
}
