import { exportNamesOf } from "./export-names.js";
import { closeOverFile } from "./local-closure.js";
import type { DependencyGraph, GraphEdge } from "./types.js";

/** What a change touched in one file, from its changed lines. */
export interface ChangeSeed {
  path: string;
  /** The change is outside any declaration (or the file is new, deleted, not parsed): all of it counts. */
  fileLevel: boolean;
  /** Changed top-level local names. */
  locals: string[];
  /** Exported names affected directly (an export clause edited, an exported declaration deleted). */
  exports: string[];
}

export interface SymbolReach {
  fileLevel: boolean;
  locals: Set<string>;
  exports: Set<string>;
  /** Hops from the nearest change along name-carrying edges. */
  distance: number;
  via?: GraphEdge;
  /** Names this file takes from the file one hop closer, that made it affected. */
  usedNames: string[];
}

/** Edges whose target's whole module matters once anything in it is affected. */
const WHOLE_MODULE_KINDS = new Set([
  "side-effect",
  "mock",
  "reference",
  "url",
  "glob",
  "template",
  "asset",
  "snapshot",
  "mock-file",
  "setup",
  "jsx-runtime",
]);

interface Growth {
  locals?: Iterable<string>;
  exports?: Iterable<string>;
  fileLevel?: boolean;
}

/**
 * Symbol-level reach: which files use an affected name, following names across import edges,
 * through re-exports by name, and inside files through the declarations that reference them.
 * A worklist over files whose affected exports grew; sets only grow, so it ends.
 */
export function symbolReach(graph: DependencyGraph, seeds: readonly ChangeSeed[]): Map<string, SymbolReach> {
  const exportNames = exportNamesOf(graph);
  const states = new Map<string, SymbolReach>();
  const queue: string[] = [];
  const queued = new Set<string>();

  const grow = (path: string, growth: Growth, distance: number, via?: GraphEdge, used: string[] = []) => {
    const node = graph.nodes.get(path);
    if (!node) return;
    let state = states.get(path);
    if (!state) {
      state = { fileLevel: false, locals: new Set(), exports: new Set(), distance, usedNames: used };
      if (via) state.via = via;
      states.set(path, state);
    }
    const before = state.exports.size + state.locals.size + (state.fileLevel ? 1 : 0);
    for (const name of growth.exports ?? []) state.exports.add(name);
    const facts = node.facts;
    if (growth.fileLevel || !facts) {
      state.fileLevel = true;
    } else if (!state.fileLevel) {
      const effect = closeOverFile(facts, growth.locals ?? [], {
        fileLevel: false,
        locals: state.locals,
        exports: state.exports,
      });
      if (effect.fileLevel) state.fileLevel = true;
    }
    if (state.fileLevel) for (const name of exportNames(path)) state.exports.add(name);
    if (state.exports.size + state.locals.size + (state.fileLevel ? 1 : 0) > before && !queued.has(path)) {
      queued.add(path);
      queue.push(path);
    }
  };

  for (const seed of seeds) {
    grow(seed.path, { locals: seed.locals, exports: seed.exports, fileLevel: seed.fileLevel }, 0);
  }
  while (queue.length > 0) {
    const path = queue.shift()!;
    queued.delete(path);
    const state = states.get(path)!;
    for (const edge of graph.nodes.get(path)!.importers) propagate(edge, state, grow);
  }
  return states;
}

type Grow = (path: string, growth: Growth, distance: number, via?: GraphEdge, used?: string[]) => void;

function propagate(edge: GraphEdge, target: SymbolReach, grow: Grow): void {
  const distance = target.distance + 1;
  // A file changed as a whole may hand out any name, also ones it exports in ways not read (CommonJS).
  const affected = (name: string) => target.fileLevel || target.exports.has(name);
  if (WHOLE_MODULE_KINDS.has(edge.kind)) {
    if (target.fileLevel || target.exports.size > 0 || target.locals.size > 0) {
      grow(edge.from, { fileLevel: true }, distance, edge, ["*"]);
    }
    return;
  }
  if (edge.kind === "reexport") {
    const names = (edge.reexports ?? []).filter((r) => affected(r.imported)).map((r) => r.exported);
    if (names.length > 0) grow(edge.from, { exports: names }, distance, edge, names);
    return;
  }
  if (edge.kind === "reexport-all") {
    const names = [...target.exports].filter((name) => name !== "default");
    if (names.length === 0) return;
    grow(
      edge.from,
      { exports: edge.reexportNamespace ? [edge.reexportNamespace] : names },
      distance,
      edge,
      names,
    );
    return;
  }
  if (edge.names === "*") {
    if (target.exports.size === 0 && !target.fileLevel) return;
    const used = [...target.exports];
    if (edge.namespaceLocal) grow(edge.from, { locals: [edge.namespaceLocal] }, distance, edge, used);
    else grow(edge.from, { fileLevel: true }, distance, edge, used);
    return;
  }
  const locals: string[] = [];
  const used: string[] = [];
  edge.names.forEach((name, index) => {
    if (!affected(name)) return;
    used.push(name);
    locals.push(edge.locals?.[index] ?? name);
  });
  if (locals.length > 0) grow(edge.from, { locals }, distance, edge, used);
}
