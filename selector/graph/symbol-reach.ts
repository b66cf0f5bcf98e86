import { isSingleFileComponent } from "../extract/sfc-script.js";
import type { FileFacts } from "../extract/types.js";
import { exportNamesOf } from "./export-names.js";
import { closeOverFile, isTypeDeclaration } from "./local-closure.js";
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
  /**
   * Loading the file runs changed code (a changed top-level statement, a new file with some, an
   * unreadable file), so every file that imports it at run time is affected whatever names it takes.
   * Absent: as `fileLevel`, the safe reading for seeds that cannot tell.
   */
  evaluates?: boolean;
  /** The part of `locals` and `exports` that can change what runs (no types); all when absent. */
  runtime?: { locals: string[]; exports: string[] };
  /**
   * Head lines of added `export * from` statements: what their targets export is exported anew.
   * `resolveStarSeeds` (star-seeds.ts) turns them into exports before the seeds are followed.
   */
  starLines?: number[];
}

export interface SymbolReach {
  fileLevel: boolean;
  locals: Set<string>;
  exports: Set<string>;
  /** Importing the file (directly or through runtime imports) runs changed code. */
  evaluates: boolean;
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
  evaluates?: boolean;
}

/** Imports that exist only for the type checker: nothing of the target runs through them. */
const TYPE_ONLY_KINDS = new Set(["type", "reference"]);

export const runsTarget = (edge: GraphEdge) => !edge.typeOnly && !TYPE_ONLY_KINDS.has(edge.kind);

/**
 * Files the symbol level cannot read by name: code tree-sitter did not parse (or parsed with
 * errors) may use any name and run anything on import; a component file's exports are made by
 * its compiler from the whole file, markup included.
 */
export function isOpaque(path: string, facts: FileFacts | undefined): boolean {
  return !facts || facts.syntaxErrors > 0 || facts.note !== undefined || isSingleFileComponent(path);
}

/** Data files run nothing when imported; other files without facts could run anything. */
export const DATA_FILE = /\.json5?$/;

/** Declaration files describe types only; nothing in them runs. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

export interface ReachOptions {
  /**
   * Follow only what can change how code runs: no type aliases or interfaces, no type-only
   * imports, no `.d.ts` files. What a test reaches this way can fail it at run time; what it
   * reaches only otherwise can fail it only when it is type-checked.
   */
  runtimeOnly?: boolean;
}

const typeExports = new WeakMap<FileFacts, Set<string>>();

/** Names a file exports only from its own type aliases and interfaces. */
function typeExportsOf(facts: FileFacts): Set<string> {
  const known = typeExports.get(facts);
  if (known) return known;
  const names = new Set<string>();
  const values = new Set<string>();
  for (const declaration of facts.declarations) {
    const into = isTypeDeclaration(declaration) ? names : values;
    for (const name of declaration.exportedAs) into.add(name);
  }
  for (const name of values) names.delete(name);
  typeExports.set(facts, names);
  return names;
}

/**
 * Symbol-level reach: which files use an affected name, following names across import edges,
 * through re-exports by name, and inside files through the declarations that reference them;
 * and which files run changed code when loaded, following every import that runs its target.
 * A worklist over files whose state grew; states only grow, so it ends.
 */
export function symbolReach(
  graph: DependencyGraph,
  seeds: readonly ChangeSeed[],
  options: ReachOptions = {},
): Map<string, SymbolReach> {
  const runtimeOnly = options.runtimeOnly ?? false;
  const exportNames = exportNamesOf(graph);
  const states = new Map<string, SymbolReach>();
  const queue: string[] = [];
  const queued = new Set<string>();

  const grow = (path: string, growth: Growth, distance: number, via?: GraphEdge, used: string[] = []) => {
    const node = graph.nodes.get(path);
    if (!node || (runtimeOnly && DECLARATION_FILE.test(path))) return;
    let state = states.get(path);
    if (!state) {
      state = {
        fileLevel: false,
        locals: new Set(),
        exports: new Set(),
        evaluates: false,
        distance,
        usedNames: used,
      };
      if (via) state.via = via;
      states.set(path, state);
    }
    const size = (s: SymbolReach) =>
      s.exports.size + s.locals.size + (s.fileLevel ? 1 : 0) + (s.evaluates ? 1 : 0);
    const before = size(state);
    const facts = node.facts;
    const types = runtimeOnly && facts ? typeExportsOf(facts) : undefined;
    for (const name of growth.exports ?? []) if (!types?.has(name)) state.exports.add(name);
    if (growth.evaluates) state.evaluates = true;
    const opaque = isOpaque(path, facts);
    if (opaque && !DATA_FILE.test(path)) state.evaluates = true;
    if (growth.fileLevel || opaque || !facts) {
      state.fileLevel = true;
    } else if (!state.fileLevel) {
      const effect = closeOverFile(
        facts,
        growth.locals ?? [],
        { fileLevel: false, locals: state.locals, exports: state.exports },
        runtimeOnly,
      );
      // A top-level statement, or a declaration as it loads, using an affected name runs it on import.
      if (effect.fileLevel) state.fileLevel = state.evaluates = true;
      if (effect.evaluates) state.evaluates = true;
    }
    if (state.fileLevel) for (const name of exportNames(path)) if (!types?.has(name)) state.exports.add(name);
    if (size(state) > before && !queued.has(path)) {
      queued.add(path);
      queue.push(path);
    }
  };

  for (const seed of seeds) {
    // Star lines not yet resolved (resolveStarSeeds) hand out names unknown here: all of them.
    if (seed.starLines) {
      grow(seed.path, { fileLevel: true, evaluates: true }, 0);
      continue;
    }
    const evaluates = seed.evaluates ?? seed.fileLevel;
    const { locals, exports } = runtimeOnly && seed.runtime ? seed.runtime : seed;
    // An edit that changed no code (comments, layout: select/layout-only.ts) touches nothing, even
    // in a file read whole.
    if (!seed.fileLevel && !evaluates && seed.locals.length === 0 && seed.exports.length === 0) continue;
    grow(seed.path, { locals, exports, fileLevel: seed.fileLevel, evaluates }, 0);
  }
  while (queue.length > 0) {
    const path = queue.shift()!;
    queued.delete(path);
    const state = states.get(path)!;
    for (const edge of graph.nodes.get(path)!.importers) {
      if (runtimeOnly && !runsTarget(edge)) continue;
      propagate(edge, state, grow);
    }
  }
  return states;
}

type Grow = (path: string, growth: Growth, distance: number, via?: GraphEdge, used?: string[]) => void;

function propagate(edge: GraphEdge, target: SymbolReach, grow: Grow): void {
  // Read as text, the target runs nothing: only its own edits count (text-seeds.ts seeds them).
  if (edge.text) return;
  const distance = target.distance + 1;
  if (target.evaluates && runsTarget(edge)) grow(edge.from, { evaluates: true }, distance, edge, ["*"]);
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
    // A namespace whose members are all known is affected only through an affected member.
    const used = edge.members ? edge.members.filter(affected) : [...target.exports];
    if (edge.members && used.length === 0) return;
    if (edge.namespaceLocal) {
      // Read only through members, the file's declarations reference `ns.member` (references.ts).
      const ns = edge.namespaceLocal;
      const locals = edge.members ? used.map((member) => `${ns}.${member}`) : [ns];
      grow(edge.from, { locals }, distance, edge, used);
    } else grow(edge.from, { fileLevel: true }, distance, edge, used);
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
