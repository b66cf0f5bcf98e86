import type { LineRange } from "../diff/types.js";
import { isDirectiveComment } from "./directive-comments.js";
import { cachedQuery, type Grammar, languageFor, withTree } from "./parser.js";
import { isSingleFileComponent } from "./sfc-script.js";
import { blankVarianceModifiers } from "./variance-modifiers.js";

/** The code of some lines as a comparison reads it: comments gone, white space folded outside literals. */
export type CodeOf = (range: LineRange) => string;

const SPANS = "(comment) @comment [(string) (template_string) (regex)] @literal";
const spansQuery = cachedQuery(SPANS);
/**
 * Syntax every TypeScript transform erases without a trace: annotations (`: T`, `): T`, `x is T`),
 * type arguments and type parameters. `as`/`satisfies` are left as written (their expression runs),
 * and so are modifiers: `private` on a constructor parameter makes a field.
 */
const TYPE_SPANS =
  "[(type_annotation) (type_arguments) (type_parameters) (asserts_annotation) (type_predicate_annotation)] @type (decorator) @decorator";
const typeSpansQuery = cachedQuery(TYPE_SPANS);
/** Files whose types a transform erases; JavaScript, parsed with the tsx grammar too, has none. */
const TYPED_SOURCE = /\.(ts|mts|cts|tsx)$/;

interface Span {
  start: number;
  end: number;
  comment: boolean;
}

/**
 * Comments and the outermost literals, in document order; with `eraseTypes`, also the type syntax
 * (read as comments are), or undefined when the file has a decorator: under `emitDecoratorMetadata`
 * a decorated member's annotations are emitted as values.
 */
function spansOf(source: string, grammar: Grammar, eraseTypes = false): Span[] | undefined {
  const query = spansQuery(grammar);
  const parsed = blankVarianceModifiers(source);
  return withTree(parsed, grammar, ({ rootNode }) => {
    // Where the tree is broken, what is a comment and what is code cannot be told.
    if (rootNode.hasError) return undefined;
    const spans = query.captures(rootNode).map(({ name, node }) => ({
      start: node.startIndex,
      end: node.endIndex,
      // A directive (`// @ts-expect-error`) is read by the compiler: kept as written, like a literal.
      comment: name === "comment" && !isDirectiveComment(node.text),
    }));
    if (eraseTypes) {
      const types = typeSpansQuery(grammar).captures(rootNode);
      if (types.some(({ name }) => name === "decorator")) return undefined;
      for (const { node } of types) spans.push({ start: node.startIndex, end: node.endIndex, comment: true });
    }
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const outermost: Span[] = [];
    for (const span of spans) {
      const last = outermost[outermost.length - 1];
      if (!last || span.start >= last.end) outermost.push(span);
    }
    return outermost;
  });
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Tokens that never merge with a neighbour, so white space beside them means nothing. */
const GLUE = new Set([";", ",", "(", ")", "{", "}", "[", "]", '"', "'", "`"]);
/** Beside these a line break cannot end a statement either (unlike after `return` or before `(`). */
const LINE_GLUE = new Set([";", ",", "{", "}"]);

/**
 * Runs of white space: dropped beside a token that cannot merge with its neighbour; else one
 * newline when they hold one (a line break can end a statement), else a space. `before` and
 * `after` are the characters around the text, for the runs at its ends.
 */
export function fold(text: string, before = "", after = ""): string {
  return text.replace(/\s+/g, (run: string, offset: number) => {
    const prev = offset > 0 ? text[offset - 1]! : before;
    const next = offset + run.length < text.length ? text[offset + run.length]! : after;
    const newline = run.includes("\n");
    const glue = newline ? LINE_GLUE : GLUE;
    if (glue.has(prev) || glue.has(next)) return "";
    return newline ? "\n" : " ";
  });
}

/**
 * What some lines of a file mean to JavaScript, for telling an edit of comments or layout from an
 * edit of code: comments are replaced by a space and runs of white space folded, except inside
 * string, template and regular expression literals, which are kept as written. Undefined when the
 * file cannot be read that way (not a parsed source, a component, or a syntax error).
 */
export function codeText(path: string, source: string): CodeOf | undefined {
  return readCode(path, source, false);
}

/**
 * As `codeText`, with the type syntax every TypeScript transform erases read as a comment: what
 * some lines do at run time, for telling an edit of types alone (`): void` to `): number`) from
 * one that changes what runs. Undefined also for JavaScript and for a file with decorators.
 */
export function runtimeCodeText(path: string, source: string): CodeOf | undefined {
  return TYPED_SOURCE.test(path) ? readCode(path, source, true) : undefined;
}

function readCode(path: string, source: string, eraseTypes: boolean): CodeOf | undefined {
  const grammar = languageFor(path);
  if (!grammar || isSingleFileComponent(path)) return undefined;
  const spans = spansOf(source, grammar, eraseTypes);
  if (!spans) return undefined;
  const starts = lineStarts(source);
  return (range) => {
    const from = starts[range.start - 1] ?? source.length;
    const to = starts[range.end] ?? source.length;
    // Code and comments between literals are folded together, so `a /* x */ b` reads as `a b`.
    let out = "";
    let pending = "";
    let at = from;
    for (const span of spans) {
      if (span.end <= from) continue;
      if (span.start >= to) break;
      const start = Math.max(span.start, from);
      const end = Math.min(span.end, to);
      pending += source.slice(at, start);
      if (span.comment) {
        pending += " ";
      } else {
        const literal = source.slice(start, end);
        out += fold(out === "" ? pending.trimStart() : pending, out.at(-1), literal[0]) + literal;
        pending = "";
      }
      at = end;
    }
    pending += source.slice(at, to);
    return out + fold(out === "" ? pending.trim() : pending.trimEnd(), out.at(-1));
  };
}
