import { lineOf, type SyntaxNode } from "./syntax.js";
import type { ImportRecord } from "./types.js";

const REFERENCE = /^\/\/\/\s*<reference\s+(path|types)\s*=\s*(["'])([^"']+)\2/;

/** `/// <reference path="x" />` or `/// <reference types="pkg" />` (the package is the specifier). */
export function referenceComment(node: SyntaxNode): ImportRecord | undefined {
  const text = node.text;
  if (!text.startsWith("///")) return undefined;
  const match = REFERENCE.exec(text);
  if (!match?.[3]) return undefined;
  return { specifier: match[3], kind: "reference", names: "*", typeOnly: true, line: lineOf(node) };
}
