import type { BackendSpec, Grammar, ParserBackend, SyntaxQuery, SyntaxTree } from "./syntax-tree.js";
import { installedWasmSpec, wasmBackend } from "./wasm-backend.js";

export type { BackendSpec, Grammar, ParserBackend };

/**
 * The grammar a file is parsed with. JavaScript goes through the tsx grammar: it is a superset
 * of JS + JSX, so one grammar covers `.js/.jsx/.mjs/.cjs` without a third parser.
 * (Generics written `<T>(x) => x` in a `.ts` file would misparse as JSX, so `.ts` keeps its own.)
 */
const GRAMMAR_BY_EXTENSION: Record<string, Grammar> = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  js: "tsx",
  jsx: "tsx",
  mjs: "tsx",
  cjs: "tsx",
  // Components: only their script blocks are parsed (sfc-script.ts); tsx reads both TS and JS.
  vue: "tsx",
  svelte: "tsx",
  astro: "tsx",
};

/** The grammar for a path, or undefined when the file is not a parsed source (`.d.ts` is `.ts`). */
export function languageFor(path: string): Grammar | undefined {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  if (dot <= slash + 1) return undefined;
  return GRAMMAR_BY_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

let backend: ParserBackend | undefined;
let spec: BackendSpec | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the parser for this thread (and for the parse workers it starts) from the given files:
 * the bundled action ships its own copies. WASM loads asynchronously, so it is loaded before
 * anything parses. Queries compiled for an earlier load are dropped with it.
 */
export async function useParserBackend(next: BackendSpec): Promise<void> {
  const loaded = await wasmBackend(next);
  backend = loaded;
  spec = next;
  for (const listener of resetListeners) listener();
}

/** Loads the parser from node_modules unless one is loaded already: every entry point that parses calls it. */
export function loadParser(): Promise<void> {
  if (backend) return Promise.resolve();
  loading ??= useParserBackend(installedWasmSpec()).finally(() => {
    loading = undefined;
  });
  return loading;
}

/** The files the parser was loaded from, as data a worker can load again. */
export function parserBackendSpec(): BackendSpec {
  return spec ?? installedWasmSpec();
}

const resetListeners: (() => void)[] = [];

/** Caches of compiled queries register here so a backend switch never mixes the two. */
export function onParserReset(listener: () => void): void {
  resetListeners.push(listener);
}

function current(): ParserBackend {
  if (!backend) throw new Error("the tree-sitter parser is not loaded: await loadParser() before parsing");
  return backend;
}

export function compileQuery(grammar: Grammar, source: string): SyntaxQuery {
  return current().compileQuery(grammar, source);
}

/** A query compiled once per grammar, and again after the backend changes. */
export function cachedQuery(source: string): (grammar: Grammar) => SyntaxQuery {
  const compiled = new Map<Grammar, SyntaxQuery>();
  onParserReset(() => compiled.clear());
  return (grammar) => {
    let query = compiled.get(grammar);
    if (!query) {
      query = compileQuery(grammar, source);
      compiled.set(grammar, query);
    }
    return query;
  };
}

export function parseSource(source: string, grammar: Grammar): SyntaxTree {
  return current().parse(source, grammar);
}

/** Parses, hands the tree to `read`, and frees it whatever `read` does. */
export function withTree<T>(source: string, grammar: Grammar, read: (tree: SyntaxTree) => T): T {
  const parser = current();
  const tree = parser.parse(source, grammar);
  try {
    return read(tree);
  } finally {
    parser.release(tree);
  }
}
