import { textImportRecords } from "./regex-imports.js";
import { lineOf, type SyntaxNode } from "./syntax.js";
import type { SyntaxQuery } from "./syntax-tree.js";
import type { ImportRecord } from "./types.js";

const keyOf = (record: ImportRecord) => `${record.line}\u0000${record.specifier}`;

/**
 * `export type * from "x"` (TS 5.0) is valid code that tree-sitter-typescript 0.23 reads as an
 * export with an ERROR holding `type`; the export is read in full, so it is not a syntax error.
 */
const isExportTypeStar = (node: SyntaxNode) =>
  node.parent?.type === "export_statement" && node.text === "type" && node.nextSibling?.type !== "ERROR";

/**
 * Counts ERROR and MISSING nodes, and takes imports out of ERROR subtrees by text: what
 * tree-sitter could not parse (`export type * from` in a broken spot, code after a syntax
 * error) still names modules. Returns the error count; recovered records go to `imports`.
 */
export function recoverFromErrors(root: SyntaxNode, query: SyntaxQuery, imports: ImportRecord[]): number {
  if (!root.hasError) return 0;
  const captures = query.captures(root);
  const known = new Set(imports.map(keyOf));
  // Captures come in document order, so an ERROR inside the last scanned one starts before its end.
  let scannedUntil = -1;
  let count = 0;
  for (const { name, node } of captures) {
    if (isExportTypeStar(node)) continue;
    count++;
    if (name !== "error" || node.startIndex < scannedUntil) continue;
    scannedUntil = node.endIndex;
    for (const record of textImportRecords(node.text, lineOf(node))) {
      const key = keyOf(record);
      if (known.has(key)) continue;
      known.add(key);
      imports.push(record);
    }
  }
  return count;
}
