import type { Declaration, FileFacts } from "../extract/types.js";
import { isTypeDeclaration } from "./local-closure.js";
import { type ChangeSeed, runsTarget } from "./symbol-reach.js";
import type { DependencyGraph } from "./types.js";

/** How near to the change the names are: the words anyone may write, and each test's own. */
export interface NameDepths {
  /** Names a module hands out (exports, and locals a top-level statement hands on), by depth. */
  words: Map<string, number>;
  /**
   * For each test, the nearest of its own names that was reached (its imports of affected names,
   * its declarations using them). Another test writing the same word means its own thing.
   */
  inTests: Map<string, number>;
}

/**
 * How near to the change each affected name is, in declarations: 0 for a changed declaration
 * (and what exports or imports it under that or another name), 1 for one that references it,
 * and so on up to `maxDepth`. Only what runs counts (no type aliases or interfaces, no
 * type-only edges). Namespaces (`z`, `core`) are containers, not names anyone writes for
 * what they do, so they are left out.
 */
export function nameDepths(
  graph: DependencyGraph,
  seeds: readonly ChangeSeed[],
  maxDepth: number,
): NameDepths {
  const depthOf = new Map<string, number>();
  const words = new Map<string, number>();
  const testWords = new Map<string, Map<string, number>>();
  const namespaces = new Set<string>();
  // A word a module hands out matters only where a test can take it.
  const feedsTests = testImportClosure(graph);
  // Two queues, one per depth step: a step through a declaration costs 1, a step through an edge 0.
  let current: [string, string][] = [];
  let next: [string, string][] = [];
  let depth = 0;
  const reach = (file: string, name: string, at: number) => {
    const key = `${file}\0${name}`;
    if (at > maxDepth || (depthOf.get(key) ?? Infinity) <= at) return;
    depthOf.set(key, at);
    (at === depth ? current : next).push([file, name]);
  };

  for (const seed of seeds) {
    const { locals, exports } = seed.runtime ?? seed;
    for (const local of locals) reach(seed.path, local, 0);
    for (const exported of exports) reach(seed.path, `export ${exported}`, 0);
    const facts = seed.fileLevel ? graph.nodes.get(seed.path)?.facts : undefined;
    for (const declaration of facts?.declarations ?? []) {
      if (!isTypeDeclaration(declaration)) for (const name of declaration.names) reach(seed.path, name, 0);
    }
    for (const local of facts?.localExports ?? []) reach(seed.path, `export ${local.exported}`, 0);
  }
  while (current.length > 0) {
    for (let i = 0; i < current.length; i++) {
      const [file, name] = current[i]!;
      if (depthOf.get(`${file}\0${name}`)! < depth) continue;
      const facts = graph.nodes.get(file)?.facts;
      if (name.startsWith("export ")) {
        const exported = name.slice("export ".length);
        if (feedsTests.has(file)) note(words, exported, depth);
        followEdges(graph, file, exported, depth, reach, namespaces);
      } else if (facts) {
        const dot = name.indexOf(".");
        const word = dot > 0 ? name.slice(dot + 1) : name;
        if (graph.nodes.get(file)?.isTest) note(wordsOf(testWords, file), word, depth);
        else if (feedsTests.has(file) && handedOn(facts, name)) note(words, word, depth);
        spreadInFile(facts, name, depth, (n, at) => reach(file, n, at));
      }
    }
    current = next;
    next = [];
    depth += 1;
  }
  for (const name of namespaces) words.delete(name);
  const inTests = new Map<string, number>();
  for (const [test, own] of testWords) {
    for (const [word, at] of own) {
      if (!namespaces.has(word) && at < (inTests.get(test) ?? Infinity)) inTests.set(test, at);
    }
  }
  return { words, inTests };
}

/** Every file some test imports, directly or through others (by any form: more files, more words). */
function testImportClosure(graph: DependencyGraph): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const [path, node] of graph.nodes) if (node.isTest) queue.push(path);
  while (queue.length > 0) {
    for (const edge of graph.nodes.get(queue.pop()!)?.imports ?? []) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}

function wordsOf(testWords: Map<string, Map<string, number>>, test: string): Map<string, number> {
  const own = testWords.get(test) ?? new Map<string, number>();
  testWords.set(test, own);
  return own;
}

/**
 * Whether a module's local leaves it by a statement (`module.exports = { f }`, `registry.add(f)`),
 * where no export names it. Any other local leaves only under the names it is exported as, which
 * are noted themselves; a test writing the same word (`error` for a locale's own `error`) means
 * something else.
 */
function handedOn(facts: FileFacts, name: string): boolean {
  const dot = name.indexOf(".");
  const namespace = dot > 0 ? name.slice(0, dot) : undefined;
  return facts.statements.some((s) =>
    s.references.some((r) => r === name || r === namespace || r.startsWith(`${name}.`)),
  );
}

function note(words: Map<string, number>, word: string, depth: number): void {
  if (word === "default" || word === "*") return;
  if ((words.get(word) ?? Infinity) > depth) words.set(word, depth);
}

type Reach = (file: string, name: string, depth: number) => void;

/** Inside a file: the exports a local goes out as, and the declarations that reference it. */
function spreadInFile(
  facts: FileFacts,
  name: string,
  depth: number,
  reach: (name: string, at: number) => void,
): void {
  const namespace = name.includes(".") ? name.slice(0, name.indexOf(".")) : undefined;
  for (const declaration of facts.declarations) {
    if (isTypeDeclaration(declaration)) continue;
    if (declaration.names.includes(name))
      for (const exported of declaration.exportedAs) reach(`export ${exported}`, depth);
    if (references(declaration, name, namespace))
      for (const bound of declaration.names) reach(bound, depth + 1);
  }
  for (const local of facts.localExports) if (local.local === name) reach(`export ${local.exported}`, depth);
}

function references(declaration: Declaration, name: string, namespace: string | undefined): boolean {
  // A namespace local changed as a whole (its import line edited) reaches every `ns.member` read.
  return declaration.references.some(
    (r) => r === name || (namespace === undefined && r.startsWith(`${name}.`)),
  );
}

/** Across files: what importers bind an export as, through re-exports and namespaces. */
function followEdges(
  graph: DependencyGraph,
  file: string,
  exported: string,
  depth: number,
  reach: Reach,
  namespaces: Set<string>,
): void {
  for (const edge of graph.nodes.get(file)?.importers ?? []) {
    if (!runsTarget(edge)) continue;
    if (edge.kind === "reexport") {
      for (const r of edge.reexports ?? [])
        if (r.imported === exported) reach(edge.from, `export ${r.exported}`, depth);
    } else if (edge.kind === "reexport-all") {
      if (exported === "default") continue;
      if (edge.reexportNamespace) {
        namespaces.add(edge.reexportNamespace);
        reach(edge.from, `export ${edge.reexportNamespace}`, depth);
      } else {
        reach(edge.from, `export ${exported}`, depth);
      }
    } else if (edge.names === "*") {
      if (!edge.namespaceLocal) continue;
      namespaces.add(edge.namespaceLocal);
      // Read through its members, the namespace hands the importer only the members it reads.
      if (!edge.members) reach(edge.from, edge.namespaceLocal, depth);
      else if (edge.members.includes(exported)) reach(edge.from, `${edge.namespaceLocal}.${exported}`, depth);
    } else {
      edge.names.forEach((name, i) => {
        if (name === exported) reach(edge.from, edge.locals?.[i] ?? name, depth);
      });
    }
  }
}
