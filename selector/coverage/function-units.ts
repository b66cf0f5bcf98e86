import { createHash } from "node:crypto";
import { fold } from "../extract/code-text.js";
import { compileQuery, type Grammar, languageFor, onParserReset, withTree } from "../extract/parser.js";
import { isSingleFileComponent } from "../extract/sfc-script.js";
import { hasToken, literalValue } from "../extract/syntax.js";
import type { SyntaxNode, SyntaxQuery } from "../extract/syntax-tree.js";
import { blankVarianceModifiers } from "../extract/variance-modifiers.js";

/**
 * A function or class a test can execute: what V8's coverage counts calls of (a class's calls are
 * its constructions). Its code is its own text: its header and body with the bodies of the units
 * inside it cut out, comments and types gone, layout folded. Two versions of a file run a unit the
 * same way when its code is the same (docs/decisions.md, "Coverage clears an affected test").
 */
export interface FunctionUnit {
  start: number;
  end: number;
  /** Hash of the unit's own code. */
  code: string;
}

/** How a top-level statement takes part in loading the module. */
export type StatementRole =
  /** Erased before it runs: types, interfaces, `declare`, `import type`, overload signatures. */
  | "types"
  /** Binds functions and nothing else: what changes in it runs only when a unit is called. */
  | "definition"
  /** Loads another module (import, export-from): order and targets matter, bindings do not. */
  | "load"
  /** Runs code as the module loads. */
  | "effect";

export interface TopStatement {
  role: StatementRole;
  /** Hash of its own code (function bodies cut out). */
  code: string;
  /** For `load`: the module it names. */
  specifier?: string;
}

export interface FileUnits {
  /** In document order (by start; an enclosing unit before the units inside it). */
  units: FunctionUnit[];
  statements: TopStatement[];
  /**
   * Offsets where a constructor, an enum or a namespace starts, ascending: V8 counts a class's
   * construction at the class or at its constructor, and a compiled enum or namespace is a function
   * too. Their code belongs to the unit around them (the class, for a constructor).
   */
  classStarts: number[];
}

const UNIT_TYPES = [
  "function_declaration",
  "generator_function_declaration",
  "function_expression",
  "generator_function",
  "arrow_function",
  "method_definition",
];
const TYPE_TYPES = [
  "type_annotation",
  "type_parameters",
  "type_arguments",
  "asserts_annotation",
  "type_predicate_annotation",
  "interface_declaration",
  "type_alias_declaration",
  "ambient_declaration",
  "function_signature",
  "method_signature",
  "abstract_method_signature",
  "index_signature",
];
const SPANS = `
[${UNIT_TYPES.map((t) => `(${t})`).join(" ")}] @unit
[(class_declaration) (class) (abstract_class_declaration)] @class
[(enum_declaration) (internal_module) (module)] @enclosed
(comment) @comment
[(string) (template_string) (regex)] @literal
[${TYPE_TYPES.map((t) => `(${t})`).join(" ")}] @type
[(as_expression) (satisfies_expression)] @cast
`;

const queries = new Map<Grammar, SyntaxQuery>();
onParserReset(() => queries.clear());

function queryFor(grammar: Grammar): SyntaxQuery {
  let query = queries.get(grammar);
  if (!query) {
    query = compileQuery(grammar, SPANS);
    queries.set(grammar, query);
  }
  return query;
}

type SpanKind = "skip" | "literal" | "body";

interface Span {
  start: number;
  end: number;
  kind: SpanKind;
}

/** A constructor's body runs when the class is built, which V8 counts as the class, not as a unit. */
function isConstructor(node: SyntaxNode): boolean {
  return node.type === "method_definition" && node.childForFieldName("name")?.text === "constructor";
}

const CLASS_TYPES = new Set(["class_declaration", "class", "abstract_class_declaration"]);
const PLAIN_REFERENCE = new Set(["identifier", "member_expression"]);

/**
 * Defining the class runs none of its code: no decorators, no static blocks or static field
 * values, no computed member names, and it extends a name (not a call's result). Such a class is
 * a unit of its own, run when it is constructed; any other class is code that runs on load.
 */
function definesPurely(node: SyntaxNode): boolean {
  if (!CLASS_TYPES.has(node.type)) return false;
  if (node.namedChildren.some((c) => c.type === "decorator")) return false;
  const heritage = node.namedChildren.find((c) => c.type === "class_heritage");
  const extended = heritage?.namedChildren
    .find((c) => c.type === "extends_clause")
    ?.childForFieldName("value");
  if (extended && !PLAIN_REFERENCE.has(extended.type)) return false;
  const body = node.childForFieldName("body");
  for (const member of body?.namedChildren ?? []) {
    if (member.type === "class_static_block" || member.type === "decorator") return false;
    if (member.namedChildren.some((c) => c.type === "decorator" || c.type === "computed_property_name"))
      return false;
    const name = member.childForFieldName("name");
    if (name?.type === "computed_property_name") return false;
    if (
      member.type === "public_field_definition" &&
      hasToken(member, "static") &&
      member.childForFieldName("value")
    ) {
      return false;
    }
  }
  return true;
}

const hash = (text: string) => createHash("sha1").update(text).digest("hex").slice(0, 16);

/** Spans sorted so that an enclosing span comes before those inside it. */
function sortSpans(spans: Span[]): Span[] {
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * The code of `[from, to)` as a comparison reads it: comments and types dropped, the bodies of
 * units inside cut to a mark (`keep` is the body not to cut: the unit's own), literals verbatim.
 */
function ownCode(source: string, spans: readonly Span[], from: number, to: number, keep?: Span): string {
  let out = "";
  let pending = "";
  let at = from;
  const flush = (next: string) => {
    out += fold(pending, out.at(-1), next[0]) + next;
    pending = "";
  };
  for (let i = firstFrom(spans, from, (span) => span.start); i < spans.length; i += 1) {
    const span = spans[i]!;
    if (span.start >= to) break;
    if (span === keep || span.start < at) continue;
    pending += source.slice(at, span.start);
    if (span.kind === "skip") pending += " ";
    else flush(span.kind === "literal" ? source.slice(span.start, span.end) : "§");
    at = span.end;
  }
  pending += source.slice(at, to);
  return (out + fold(pending, out.at(-1))).trim();
}

const FUNCTION_VALUES = new Set(["arrow_function", "function_expression", "generator_function"]);

/** Only binds names to functions (or to nothing yet): creating a function runs none of its code. */
function bindsOnlyFunctions(node: SyntaxNode): boolean {
  if (
    node.type === "function_declaration" ||
    node.type === "generator_function_declaration" ||
    node.type === "function_signature"
  ) {
    return true;
  }
  if (node.type !== "lexical_declaration" && node.type !== "variable_declaration") return false;
  return node.namedChildren
    .filter((c) => c.type === "variable_declarator")
    .every((declarator) => {
      if (declarator.childForFieldName("name")?.type !== "identifier") return false;
      const value = declarator.childForFieldName("value");
      return !value || FUNCTION_VALUES.has(value.type);
    });
}

function roleOf(node: SyntaxNode): { role: StatementRole; specifier?: string } {
  if (TYPE_TYPES.includes(node.type)) return { role: "types" };
  if (node.type === "import_statement") {
    if (hasToken(node, "type")) return { role: "types" };
    const specifier = literalValue(node.childForFieldName("source"));
    return specifier === undefined ? { role: "effect" } : { role: "load", specifier };
  }
  if (node.type === "export_statement") {
    if (hasToken(node, "type")) return { role: "types" };
    const specifier = literalValue(node.childForFieldName("source"));
    if (specifier !== undefined) return { role: "load", specifier };
    if (hasToken(node, "=")) return { role: "effect" };
    const declaration = node.childForFieldName("declaration");
    if (!declaration) {
      // `export { a, b }` binds nothing new; `export default <expression>` evaluates it.
      const value = node.childForFieldName("value");
      if (!value) return { role: "definition" };
      return FUNCTION_VALUES.has(value.type) ? { role: "definition" } : { role: "effect" };
    }
    return roleOf(declaration);
  }
  return { role: bindsOnlyFunctions(node) || definesPurely(node) ? "definition" : "effect" };
}

/**
 * The units and top-level statements of a file, or undefined when it cannot be read that
 * way (not a parsed source, a component whose compiler makes the code, or a syntax error).
 */
export function fileUnits(path: string, source: string): FileUnits | undefined {
  const grammar = languageFor(path);
  if (!grammar || isSingleFileComponent(path)) return undefined;
  const parsed = blankVarianceModifiers(source);
  return withTree(parsed, grammar, ({ rootNode }) => {
    if (rootNode.hasError) return undefined;
    const spans: Span[] = [];
    const unitNodes: { start: number; end: number; body: Span }[] = [];
    const classStarts: number[] = [];
    for (const { name, node } of queryFor(grammar).captures(rootNode)) {
      if (name === "unit") {
        const body = node.childForFieldName("body");
        // A constructor's code is the class's: V8 counts a construction at either start.
        if (isConstructor(node)) classStarts.push(node.startIndex);
        if (!body || isConstructor(node)) continue;
        const span: Span = { start: body.startIndex, end: body.endIndex, kind: "body" };
        spans.push(span);
        unitNodes.push({ start: node.startIndex, end: node.endIndex, body: span });
      } else if (name === "class") {
        // Its instance side (constructor, field values, members) runs when it is constructed, which
        // V8 counts as a call of the class; defined purely, the code around it sees only its name.
        const body = node.childForFieldName("body");
        if (!body) continue;
        const span: Span = { start: body.startIndex, end: body.endIndex, kind: "body" };
        if (definesPurely(node)) spans.push(span);
        unitNodes.push({ start: node.startIndex, end: node.endIndex, body: span });
      } else if (name === "enclosed") {
        classStarts.push(node.startIndex);
      } else if (name === "cast") {
        const value = node.namedChildren[0];
        if (value) spans.push({ start: value.endIndex, end: node.endIndex, kind: "skip" });
      } else {
        spans.push({
          start: node.startIndex,
          end: node.endIndex,
          kind: name === "literal" ? "literal" : "skip",
        });
      }
    }
    sortSpans(spans);
    unitNodes.sort((a, b) => a.start - b.start || b.end - a.end);
    const units = unitNodes.map((unit) => ({
      start: unit.start,
      end: unit.end,
      code: hash(ownCode(parsed, spans, unit.start, unit.end, unit.body)),
    }));
    const statements: TopStatement[] = [];
    for (const node of rootNode.namedChildren) {
      if (node.type === "comment" || node.type === "hash_bang_line" || node.type === "empty_statement")
        continue;
      const { role, specifier } = roleOf(node);
      const code = role === "types" ? "" : hash(ownCode(parsed, spans, node.startIndex, node.endIndex));
      statements.push({ role, code, ...(specifier !== undefined ? { specifier } : {}) });
    }
    return { units, statements, classStarts: classStarts.sort((a, b) => a - b) };
  });
}

/** What the original may hold between a mapped position and the function it maps for. */
const LEADING_MAX = 400;
const LEADING = /^(?:\s|\(|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n|export\b|default\b)*$/;

/** First index whose start is at or after `offset`, in a list sorted by start. */
function firstFrom<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (startOf(items[middle]!) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The unit an executed function placed at `offset` belongs to: the first unit starting there or
 * after nothing but white space, comments, `(` or `export default`; a constructor (or a compiled
 * enum or namespace) belongs to the unit around it (module code when none: -1). Anything else is
 * undefined: the caller cannot tell what ran, and must assume all of it did.
 */
export function unitAt(file: FileUnits, source: string, offset: number): number | undefined {
  const { units, classStarts } = file;
  const leads = (to: number) => to - offset <= LEADING_MAX && LEADING.test(source.slice(offset, to));
  const next = firstFrom(units, offset, (unit) => unit.start);
  const classStart = classStarts[firstFrom(classStarts, offset, (start) => start)];
  const unit = units[next];
  if (unit && (classStart === undefined || unit.start < classStart)) {
    return leads(unit.start) ? next : undefined;
  }
  if (classStart === undefined || !leads(classStart)) return undefined;
  for (let i = next - 1; i >= 0; i -= 1) if (units[i]!.end > classStart) return i;
  return -1;
}
