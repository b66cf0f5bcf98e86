import { type DeclarationShape, declarationShape } from "./declarations.js";
import { runsWhenEvaluated } from "./load-shape.js";
import { referenceComment } from "./reference-comments.js";
import { exportFromRecords, importStatementRecords } from "./static-imports.js";
import { childOfType, hasToken, lineOf, literalValue, rangeOf, type SyntaxNode } from "./syntax.js";
import type { Declaration, ImportRecord, LocalExport, TopLevelStatement } from "./types.js";

/** A declaration or statement whose references are filled in once all top-level names are known. */
export interface ReferenceSite {
  start: number;
  end: number;
  own: ReadonlySet<string>;
  references: string[];
  /** Names it uses only where a type goes (`x: Shape`); filled in on demand with the rest. */
  typeReferences: string[];
}

export interface TopLevelFacts {
  imports: ImportRecord[];
  declarations: Declaration[];
  statements: TopLevelStatement[];
  localExports: LocalExport[];
  sites: ReferenceSite[];
  /** [start, end) of top-level import and export-from statements, in document order. */
  importSpans: [number, number][];
}

const SKIPPED = new Set(["comment", "hash_bang_line", "empty_statement"]);
const NO_NAMES: ReadonlySet<string> = new Set();

function addDeclaration(
  facts: TopLevelFacts,
  node: SyntaxNode,
  shape: DeclarationShape,
  exportedAs: string[],
) {
  const references: string[] = [];
  const typeReferences: string[] = [];
  const declaration: Declaration = {
    names: shape.names,
    kind: shape.kind,
    range: rangeOf(node),
    exportedAs,
    references,
    typeReferences,
  };
  if (runsOnLoad(node, shape)) declaration.runsOnLoad = true;
  facts.declarations.push(declaration);
  facts.sites.push({
    start: node.startIndex,
    end: node.endIndex,
    own: new Set(shape.names),
    references,
    typeReferences,
  });
}

function runsOnLoad(node: SyntaxNode, shape: DeclarationShape): boolean {
  const ambient =
    node.type === "ambient_declaration" || node.namedChildren.some((c) => c.type === "ambient_declaration");
  if (ambient) return false;
  // A namespace body is top-level code of its own.
  if (shape.kind === "namespace") return true;
  return (shape.kind === "variable" || shape.kind === "class") && runsWhenEvaluated(node);
}

function addStatement(facts: TopLevelFacts, node: SyntaxNode) {
  const references: string[] = [];
  const typeReferences: string[] = [];
  facts.statements.push({ range: rangeOf(node), references, typeReferences });
  facts.sites.push({ start: node.startIndex, end: node.endIndex, own: NO_NAMES, references, typeReferences });
}

/** `export default <x>` and `export = <x>`: a name is a local export, anything else also runs. */
function exportValue(facts: TopLevelFacts, node: SyntaxNode, value: SyntaxNode) {
  const line = lineOf(node);
  const shape = value.type === "identifier" ? undefined : declarationShape(value, "default");
  if (shape && (shape.kind === "function" || shape.kind === "class")) {
    addDeclaration(facts, node, shape, ["default"]);
  } else if (value.type === "identifier") {
    facts.localExports.push({ exported: "default", local: value.text, line });
  } else {
    facts.localExports.push({ exported: "default", line });
    addStatement(facts, node);
  }
}

function exportStatement(facts: TopLevelFacts, node: SyntaxNode) {
  const source = node.childForFieldName("source");
  if (source) {
    const specifier = literalValue(source);
    if (specifier !== undefined) facts.imports.push(...exportFromRecords(node, specifier));
    facts.importSpans.push([node.startIndex, node.endIndex]);
    return;
  }
  const declaration = node.childForFieldName("declaration");
  const shape = declaration ? declarationShape(declaration) : undefined;
  if (shape) {
    addDeclaration(facts, node, shape, hasToken(node, "default") ? ["default"] : shape.names);
    return;
  }
  const value =
    node.childForFieldName("value") ??
    (hasToken(node, "=")
      ? node.namedChildren.find((c) => c.type !== "comment" && c.type !== "decorator")
      : null);
  if (value) {
    exportValue(facts, node, value);
    return;
  }
  const clause = childOfType(node, "export_clause");
  if (clause) {
    for (const spec of clause.namedChildren) {
      const local = spec.childForFieldName("name");
      if (spec.type !== "export_specifier" || !local) continue;
      const exported = spec.childForFieldName("alias") ?? local;
      const text = (n: SyntaxNode) => literalValue(n) ?? n.text;
      facts.localExports.push({ exported: text(exported), local: text(local), line: lineOf(spec) });
    }
    return;
  }
  // `export as namespace X` (UMD typings) binds nothing and runs nothing.
  if (hasToken(node, "as") && hasToken(node, "namespace")) return;
  addStatement(facts, node);
}

/** Imports inside `declare module "x" { import … }` (typings) are edges of this file too. */
function ambientImports(facts: TopLevelFacts, node: SyntaxNode) {
  const body = childOfType(node, "module")?.childForFieldName("body");
  for (const inner of body?.namedChildren ?? []) {
    if (inner.type === "import_statement") facts.imports.push(...importStatementRecords(inner));
    const specifier =
      inner.type === "export_statement" ? literalValue(inner.childForFieldName("source")) : undefined;
    if (specifier !== undefined) facts.imports.push(...exportFromRecords(inner, specifier));
  }
}

/**
 * One pass over the program's direct children: cheap, since it touches only top-level nodes.
 * Triple-slash references count only before the first statement, as in TypeScript.
 */
export function readTopLevel(root: SyntaxNode): TopLevelFacts {
  const facts: TopLevelFacts = {
    imports: [],
    declarations: [],
    statements: [],
    localExports: [],
    sites: [],
    importSpans: [],
  };
  let leading = true;
  for (const node of root.namedChildren) {
    if (SKIPPED.has(node.type)) {
      const reference = leading && node.type === "comment" ? referenceComment(node) : undefined;
      if (reference) facts.imports.push(reference);
      continue;
    }
    leading = false;
    if (node.type === "import_statement") {
      facts.imports.push(...importStatementRecords(node));
      facts.importSpans.push([node.startIndex, node.endIndex]);
    } else if (node.type === "export_statement") {
      exportStatement(facts, node);
    } else {
      // An ERROR node is code too: kept as a statement so what it uses still counts.
      const shape = node.type === "ERROR" ? undefined : declarationShape(node);
      if (shape) addDeclaration(facts, node, shape, []);
      else addStatement(facts, node);
      if (node.type === "ambient_declaration") ambientImports(facts, node);
    }
  }
  return facts;
}
