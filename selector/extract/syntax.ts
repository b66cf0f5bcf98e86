import type { LineRange } from "../diff/types.js";
import type { SyntaxNode } from "./syntax-tree.js";

export type { SyntaxNode };

/** 1-based line where the node starts. */
export const lineOf = (node: SyntaxNode): number => node.startPosition.row + 1;

/** 1-based inclusive lines; a node ending at column 0 ends on the line before. */
export function rangeOf(node: SyntaxNode): LineRange {
  const end =
    node.endPosition.column === 0 && node.endPosition.row > node.startPosition.row
      ? node.endPosition.row
      : node.endPosition.row + 1;
  return { start: node.startPosition.row + 1, end };
}

/**
 * The value of a string literal, or of a template literal without `${}`; undefined otherwise,
 * since a computed specifier cannot be followed statically.
 */
export function literalValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === "string") return node.text.slice(1, -1);
  if (node.type !== "template_string") return undefined;
  for (const child of node.namedChildren) if (child.type === "template_substitution") return undefined;
  return node.text.slice(1, -1);
}

export function childOfType(node: SyntaxNode, type: string): SyntaxNode | undefined {
  for (const child of node.namedChildren) if (child.type === type) return child;
  return undefined;
}

/** Whether an unnamed token (`type`, `default`, `*`) is a direct child. */
export function hasToken(node: SyntaxNode, token: string): boolean {
  for (const child of node.children) if (!child.isNamed && child.type === token) return true;
  return false;
}
