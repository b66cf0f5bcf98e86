import { childOfType, hasToken, lineOf, literalValue, type SyntaxNode } from "./syntax.js";
import type { ImportRecord } from "./types.js";

/** A name in an import or export clause: an identifier, or a string (`import { "a-b" as c }`). */
const nameText = (node: SyntaxNode | null): string | undefined =>
  node ? (literalValue(node) ?? node.text) : undefined;

/** Records for one top-level `import … from "x"`, `import "x"` or `import x = require("x")`. */
export function importStatementRecords(node: SyntaxNode): ImportRecord[] {
  const line = lineOf(node);
  const typeOnly = hasToken(node, "type");
  const requireClause = childOfType(node, "import_require_clause");
  if (requireClause) {
    const specifier = literalValue(requireClause.childForFieldName("source"));
    const local = childOfType(requireClause, "identifier")?.text;
    if (specifier === undefined) return [];
    const record: ImportRecord = { specifier, kind: "import-equals", names: "*", typeOnly, line };
    if (local) record.namespaceLocal = local;
    return [record];
  }
  const specifier = literalValue(node.childForFieldName("source"));
  if (specifier === undefined) return [];
  const clause = childOfType(node, "import_clause");
  if (!clause) return [{ specifier, kind: "side-effect", names: "*", typeOnly: false, line }];
  const kind = typeOnly ? "type" : "static";
  const names: string[] = [];
  const locals: string[] = [];
  const records: ImportRecord[] = [];
  for (const part of clause.namedChildren) {
    if (part.type === "identifier") {
      names.push("default");
      locals.push(part.text);
    } else if (part.type === "namespace_import") {
      const local = childOfType(part, "identifier")?.text;
      const record: ImportRecord = { specifier, kind, names: "*", typeOnly, line };
      if (local) record.namespaceLocal = local;
      records.push(record);
    } else if (part.type === "named_imports") {
      for (const spec of part.namedChildren) {
        if (spec.type !== "import_specifier") continue;
        const name = nameText(spec.childForFieldName("name"));
        if (name === undefined) continue;
        names.push(name);
        locals.push(spec.childForFieldName("alias")?.text ?? name);
      }
    }
  }
  // `import d, * as ns from "x"` binds both: the default as a named record, the namespace apart.
  if (names.length > 0 || records.length === 0)
    records.unshift({ specifier, kind, names, locals, typeOnly, line });
  return records;
}

/**
 * Records for an `export … from "x"`. tree-sitter-typescript 0.23 reads `export type * from`
 * (TS 5.0) as an export with an ERROR child holding `type`: the rest of the statement is intact.
 */
export function exportFromRecords(node: SyntaxNode, specifier: string): ImportRecord[] {
  const line = lineOf(node);
  const errorType = childOfType(node, "ERROR")?.text.trim() === "type";
  const typeOnly = hasToken(node, "type") || errorType;
  const clause = childOfType(node, "export_clause");
  if (clause) {
    const reexports: { exported: string; imported: string }[] = [];
    for (const spec of clause.namedChildren) {
      if (spec.type !== "export_specifier") continue;
      const imported = nameText(spec.childForFieldName("name"));
      if (imported === undefined) continue;
      reexports.push({ exported: nameText(spec.childForFieldName("alias")) ?? imported, imported });
    }
    const names = reexports.map((r) => r.imported);
    return [{ specifier, kind: "reexport", names, reexports, typeOnly, line }];
  }
  const record: ImportRecord = { specifier, kind: "reexport-all", names: "*", typeOnly, line };
  const namespace = childOfType(node, "namespace_export");
  if (namespace) {
    const exported = nameText(namespace.namedChildren[0] ?? null);
    if (exported !== undefined) record.reexportNamespace = exported;
  }
  return [record];
}
