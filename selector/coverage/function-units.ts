import { createHash } from "node:crypto";
import { fold } from "../extract/code-text.js";
import { cachedQuery, languageFor, withTree } from "../extract/parser.js";
import { isSingleFileComponent } from "../extract/sfc-script.js";
import type { SyntaxNode } from "../extract/syntax-tree.js";
import { blankVarianceModifiers } from "../extract/variance-modifiers.js";
import {
  definesPurely,
  roleOf,
  type StatementRole,
  type StatementRoleOf,
  TYPE_TYPES,
} from "./statement-roles.js";

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
  /** The own code itself: which names it reads (a changed value it reads is a change to it). */
  text: string;
}

export type { StatementRole };

/** A top-level statement: its role in loading (statement-roles.ts) and its own code. */
export interface TopStatement extends StatementRoleOf {
  /** Hash of its own code (function bodies cut out). */
  code: string;
  /** The own code itself, for `value` and `effect`: which names it reads. */
  text?: string;
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
const SPANS = `
[${UNIT_TYPES.map((t) => `(${t})`).join(" ")}] @unit
[(class_declaration) (class) (abstract_class_declaration)] @class
[(enum_declaration) (internal_module) (module)] @enclosed
(comment) @comment
[(string) (template_string) (regex)] @literal
[${TYPE_TYPES.map((t) => `(${t})`).join(" ")}] @type
[(as_expression) (satisfies_expression)] @cast
`;

const queryFor = cachedQuery(SPANS);

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
    const units = unitNodes.map((unit) => {
      const text = ownCode(parsed, spans, unit.start, unit.end, unit.body);
      return { start: unit.start, end: unit.end, code: hash(text), text };
    });
    const statements: TopStatement[] = [];
    for (const node of rootNode.namedChildren) {
      if (node.type === "comment" || node.type === "hash_bang_line" || node.type === "empty_statement")
        continue;
      const { role, ...rest } = roleOf(node);
      if (role === "types") {
        statements.push({ role, code: "" });
        continue;
      }
      const text = ownCode(parsed, spans, node.startIndex, node.endIndex);
      const reads = role === "value" || role === "effect";
      statements.push({ role, code: hash(text), ...(reads ? { text } : {}), ...rest });
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
