import { textImportRecords } from "./regex-imports.js";
import { lineOf, type SyntaxNode } from "./syntax.js";
import type { ImportRecord } from "./types.js";

/** Where an import written as text may start; the syntax tree then says if it is in a string. */
const CANDIDATE = /\bfrom\s*\\?["'`]|\b(?:require|import)\s*\(\s*\\?["'`]|\bimport\s*\\?["']/g;

/** Offsets already known to be code: top-level import statements and calls read as calls. */
export interface KnownCode {
  /** [start, end) of top-level import/export-from statements, in document order. */
  spans: readonly (readonly [number, number])[];
  calls: ReadonlySet<number>;
}

/** The string or template literal around a candidate, if it is inside one. */
function enclosingString(root: SyntaxNode, start: number, end: number): SyntaxNode | undefined {
  const node = root.descendantForIndex(start, end);
  if (!node) return undefined;
  if (node.type === "string" || node.type === "template_string") return node;
  if (node.type !== "string_fragment") return undefined;
  const parent = node.parent;
  return parent && (parent.type === "string" || parent.type === "template_string") ? parent : undefined;
}

/**
 * Imports written inside string or template literals (code a test compiles at run time):
 * kind "template", a weak whole-module edge. A text scan finds candidates; one tree lookup
 * each, skipped where the code is already known, decides.
 */
export function stringImports(root: SyntaxNode, source: string, known: KnownCode, out: ImportRecord[]): void {
  const done = new Set<number>();
  let span = 0;
  for (const match of source.matchAll(CANDIDATE)) {
    const at = match.index;
    while (span < known.spans.length && known.spans[span]![1] <= at) span++;
    if ((known.spans[span]?.[0] ?? Number.POSITIVE_INFINITY) <= at || known.calls.has(at)) continue;
    const literal = enclosingString(root, at, at + match[0].length);
    if (!literal || done.has(literal.startIndex)) continue;
    done.add(literal.startIndex);
    out.push(...textImportRecords(literal.text, lineOf(literal), "template"));
  }
}
