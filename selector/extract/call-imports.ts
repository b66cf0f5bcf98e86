import { lineOf, literalValue, type SyntaxNode } from "./syntax.js";
import type { QueryMatch, SyntaxQuery } from "./syntax-tree.js";
import type { ImportKind, ImportRecord } from "./types.js";

const MOCKERS = new Set(["vi", "jest", "vitest"]);
const MOCK_METHODS = new Set([
  "mock",
  "doMock",
  "unmock",
  "doUnmock",
  "importActual",
  "importMock",
  "requireActual",
  "requireMock",
  "unstable_mockModule",
  "createMockFromModule",
]);

/** `const { a, b: c } = require("x")` narrows to a,b; a rest element or nested pattern does not. */
function patternBinding(pattern: SyntaxNode): { names: string[]; locals: string[] } | undefined {
  const names: string[] = [];
  const locals: string[] = [];
  for (const part of pattern.namedChildren) {
    if (part.type === "shorthand_property_identifier_pattern") {
      names.push(part.text);
      locals.push(part.text);
    } else if (part.type === "object_assignment_pattern") {
      const left = part.childForFieldName("left");
      if (left?.type !== "shorthand_property_identifier_pattern") return undefined;
      names.push(left.text);
      locals.push(left.text);
    } else if (part.type === "pair_pattern") {
      const key = part.childForFieldName("key");
      const value = part.childForFieldName("value");
      const local = value?.type === "assignment_pattern" ? value.childForFieldName("left") : value;
      if (!key || local?.type !== "identifier" || key.type === "computed_property_name") return undefined;
      names.push(literalValue(key) ?? key.text);
      locals.push(local.text);
    } else if (part.type !== "comment") {
      return undefined;
    }
  }
  return { names, locals };
}

/** What a require/import() call binds, from the declarator it initialises (through `await`). */
function bindingOf(call: SyntaxNode, record: ImportRecord): void {
  let parent = call.parent;
  if (parent?.type === "await_expression") parent = parent.parent;
  if (parent?.type !== "variable_declarator") return;
  const name = parent.childForFieldName("name");
  if (name?.type === "identifier") record.namespaceLocal = name.text;
  else if (name?.type === "object_pattern") {
    const binding = patternBinding(name);
    if (binding) Object.assign(record, binding);
  }
}

function record(specifier: string, kind: ImportKind, node: SyntaxNode): ImportRecord {
  return { specifier, kind, names: "*", typeOnly: false, line: lineOf(node) };
}

/** `import.meta.glob("./a/*.ts")` or `(["./a/*.ts", "!./a/skip.ts"])`: one record per positive pattern. */
function globRecords(arg: SyntaxNode, node: SyntaxNode, out: ImportRecord[]): void {
  const patterns =
    arg.type === "array" ? arg.namedChildren.map((item) => literalValue(item)) : [literalValue(arg)];
  for (const pattern of patterns) {
    if (pattern !== undefined && !pattern.startsWith("!")) out.push(record(pattern, "glob", node));
  }
}

type Captures = Record<string, SyntaxNode | undefined>;

function memberCall(c: Captures, node: SyntaxNode, arg: SyntaxNode, out: ImportRecord[]): void {
  const object = c.object!;
  const property = c.property?.text ?? "";
  if (object.type === "meta_property") {
    if (property === "glob" || property === "globEager") {
      globRecords(arg, node, out);
      return;
    }
    const specifier = property === "resolve" ? literalValue(arg) : undefined;
    if (specifier !== undefined) out.push(record(specifier, "asset", node));
    return;
  }
  const specifier = literalValue(arg);
  if (specifier === undefined) return;
  if (object.text === "require" && property === "resolve") out.push(record(specifier, "asset", node));
  else if (MOCKERS.has(object.text) && MOCK_METHODS.has(property)) out.push(record(specifier, "mock", node));
}

function handleMatch(match: QueryMatch, out: ImportRecord[]): void {
  const c: Captures = {};
  for (const capture of match.captures) c[capture.name] = capture.node;
  const arg = c.arg;
  const node = c.call ?? c.new;
  if (!arg || !node) return;
  if (c.new) {
    const specifier = literalValue(arg);
    if (c.callee?.text === "URL" && c.property?.text === "url" && specifier !== undefined) {
      out.push(record(specifier, "url", node));
    }
  } else if (c.object) {
    memberCall(c, node, arg, out);
  } else if (c.callee) {
    const isImport = c.callee.type === "import";
    const specifier = literalValue(arg);
    if (specifier === undefined || (!isImport && c.callee.text !== "require")) return;
    const found = record(specifier, isImport ? "dynamic" : "require", node);
    bindingOf(node, found);
    out.push(found);
  }
}

/** Where a call that names a module starts, found by text: the tree then confirms it. */
const CALL_SITE = new RegExp(
  String.raw`\b(?:require\s*(?:\.\s*resolve\s*)?\(|import\s*(?:\.\s*meta\s*\.\s*(?:glob|globEager|resolve)\s*)?\(|(?:vi|jest|vitest)\s*\.\s*(?:${[...MOCK_METHODS].join("|")})\s*\(|new\s+URL\s*\()`,
  "g",
);

/**
 * Imports made by calls anywhere in the file: require, import(), mocks, `import.meta.glob`,
 * `new URL("./x", import.meta.url)`, `require.resolve`. Returns the offsets of the calls seen,
 * so the string pass can tell a real `require("x")` from one written inside a string.
 */
export function callImports(
  root: SyntaxNode,
  source: string,
  query: SyntaxQuery,
  out: ImportRecord[],
): Set<number> {
  const calls = new Set<number>();
  // A query over the whole tree costs about half a parse whatever it finds (more than a
  // thousand located calls cost), so the query runs on each located call alone.
  for (const site of source.matchAll(CALL_SITE)) {
    // The smallest node spanning `callee(` is the call itself when this is a real call.
    const node = root.descendantForIndex(site.index, site.index + site[0].length);
    if (!node || node.startIndex !== site.index || calls.has(site.index)) continue;
    if (node.type !== "call_expression" && node.type !== "new_expression") continue;
    calls.add(site.index);
    for (const match of query.matches(node, { maxStartDepth: 0 })) handleMatch(match, out);
  }
  return calls;
}
