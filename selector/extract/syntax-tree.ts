/**
 * The part of a tree-sitter syntax tree the extractor reads, as `web-tree-sitter` provides it
 * (docs/decisions.md: one parser backend, WASM).
 */
export interface Point {
  row: number;
  column: number;
}

export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly hasError: boolean;
  /** Offsets in UTF-16 code units, as JavaScript strings count them. */
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly children: readonly SyntaxNode[];
  readonly namedChildren: readonly SyntaxNode[];
  readonly parent: SyntaxNode | null;
  readonly nextSibling: SyntaxNode | null;
  childForFieldName(name: string): SyntaxNode | null;
  /** A cursor at this node: walking down with it costs little, where a native `parent` searches from the root. */
  walk(): TreeCursor;
  descendantForIndex(start: number, end?: number): SyntaxNode | null;
}

export interface TreeCursor {
  readonly nodeType: string;
  readonly currentNode: SyntaxNode;
  /** Moves to the child holding the offset: native returns its index or null, WASM a boolean. */
  gotoFirstChildForIndex(index: number): boolean | number | null;
}

export interface QueryCapture {
  name: string;
  node: SyntaxNode;
}

export interface QueryMatch {
  captures: QueryCapture[];
}

export interface SyntaxQuery {
  captures(node: SyntaxNode): QueryCapture[];
  matches(node: SyntaxNode, options?: { maxStartDepth?: number }): QueryMatch[];
}

export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
}

/** The grammars tree-sitter-typescript ships; JavaScript is read with `tsx`. */
export type Grammar = "typescript" | "tsx";

/** What a parser implementation provides: parse text, compile queries, free trees. */
export interface ParserBackend {
  readonly kind: "wasm";
  parse(source: string, grammar: Grammar): SyntaxTree;
  compileQuery(grammar: Grammar, source: string): SyntaxQuery;
  /** Frees the tree now: a WASM heap is not garbage collected. */
  release(tree: SyntaxTree): void;
}

/**
 * How to load a backend, as plain data: parse workers receive it and load the same one.
 * `wasm` names its files by explicit path (the bundled action ships them beside its code).
 */
export type BackendSpec = { kind: "wasm"; runtime: string; grammars: Record<Grammar, string> };
