import { lineOf, type SyntaxNode } from "./syntax.js";
import type { ImportRecord } from "./types.js";

const REFERENCE = /^\/\/\/\s*<reference\s+(path|types)\s*=\s*(["'])([^"']+)\2/;

/**
 * `/// <reference path="x" />` or `/// <reference types="pkg" />` (the package is the specifier). A path
 * is always file-relative, even without `./`; a types name is a package (`node` is `@types/node`), so
 * only a path gets the `./`.
 */
export function referenceComment(node: SyntaxNode): ImportRecord | undefined {
  const text = node.text;
  if (!text.startsWith("///")) return undefined;
  const match = REFERENCE.exec(text);
  const [, attribute, , value] = match ?? [];
  if (!value) return undefined;
  const bare = !/^\.{1,2}(\/|$)/.test(value) && !value.startsWith("/");
  const specifier = attribute === "path" && bare ? `./${value}` : value;
  return { specifier, kind: "reference", names: "*", typeOnly: true, line: lineOf(node) };
}
