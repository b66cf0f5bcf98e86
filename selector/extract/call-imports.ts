import { bindingPattern } from "./binding-pattern.js";
import { computedSpecifier } from "./computed-specifier.js";
import type { CallImport } from "./dynamic-bindings.js";
import { namedCalls } from "./named-calls.js";
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

/** What a require/import() call binds, from the declarator it initialises (through `await`). */
function bindingOf(call: SyntaxNode, record: ImportRecord): void {
  let parent = call.parent;
  if (parent?.type === "await_expression") parent = parent.parent;
  if (parent?.type !== "variable_declarator") return;
  const name = parent.childForFieldName("name");
  if (name?.type === "identifier") record.namespaceLocal = name.text;
  else if (name?.type === "object_pattern") {
    const binding = bindingPattern(name);
    if (binding) Object.assign(record, binding);
  }
}

function record(specifier: string, kind: ImportKind, node: SyntaxNode): ImportRecord {
  return { specifier, kind, names: "*", typeOnly: false, line: lineOf(node) };
}

/** Records for a specifier built at run time: one per pattern it can match, or one that matches nothing known. */
function computedRecords(arg: SyntaxNode, kind: ImportKind, node: SyntaxNode): ImportRecord[] {
  const computed = computedSpecifier(arg);
  if ("unknown" in computed) return [{ ...record(computed.unknown, kind, node), computed: "unknown" }];
  return computed.patterns.map((pattern) => ({
    ...record(pattern, kind, node),
    computed: "pattern" as const,
  }));
}

/** A glob's `query` (`"?raw"`), or the older `as: "raw"`: how the matched files are read. */
function globQuery(options: SyntaxNode | undefined): string | undefined {
  if (options?.type !== "object") return undefined;
  for (const pair of options.namedChildren) {
    if (pair.type !== "pair") continue;
    const key = pair.childForFieldName("key");
    const value = literalValue(pair.childForFieldName("value"));
    const name = literalValue(key) ?? key?.text;
    if (name === "query" && value !== undefined) return value.startsWith("?") ? value : `?${value}`;
    if (name === "as" && value !== undefined) return `?${value}`;
  }
  return undefined;
}

/**
 * `import.meta.glob("./a/*.ts")` or `(["./a/*.ts", "!./a/skip.ts"], { query: "?raw" })`: one record
 * per positive pattern, each carrying the negative ones and the query.
 */
function globRecords(arg: SyntaxNode, node: SyntaxNode, out: ImportRecord[]): void {
  const patterns =
    arg.type === "array" ? arg.namedChildren.map((item) => literalValue(item)) : [literalValue(arg)];
  // A negative pattern that is not a literal excludes what cannot be known: ignore it, which only widens.
  const ignore = patterns.filter((p): p is string => p?.startsWith("!") === true).map((p) => p.slice(1));
  const query = globQuery(node.childForFieldName("arguments")?.namedChildren[1]);
  for (const pattern of patterns) {
    if (pattern === undefined || pattern.startsWith("!")) continue;
    const found = record(pattern, "glob", node);
    if (ignore.length > 0) found.ignore = ignore;
    if (query) found.query = query;
    out.push(found);
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

/** The records one call makes, for `import()`/`require()` also the call, so its bindings can be read. */
function handleMatch(
  match: QueryMatch,
  requires: ReadonlySet<string>,
  out: ImportRecord[],
  loads: CallImport[],
): void {
  const c: Captures = {};
  for (const capture of match.captures) c[capture.name] = capture.node;
  const arg = c.arg;
  const node = c.call ?? c.new;
  if (!arg || !node) return;
  if (c.new) {
    if (c.callee?.text !== "URL" || c.property?.text !== "url") return;
    const specifier = literalValue(arg);
    out.push(
      ...(specifier !== undefined ? [record(specifier, "url", node)] : computedRecords(arg, "url", node)),
    );
  } else if (c.object) {
    memberCall(c, node, arg, out);
  } else if (c.callee) {
    const isImport = c.callee.type === "import";
    if (!isImport && !requires.has(c.callee.text)) return;
    const kind = isImport ? "dynamic" : "require";
    const specifier = literalValue(arg);
    const records =
      specifier !== undefined ? [record(specifier, kind, node)] : computedRecords(arg, kind, node);
    for (const found of records) bindingOf(node, found);
    out.push(...records);
    loads.push({ records, call: node });
  }
}

const MOCK_CALL = String.raw`(?:vi|jest|vitest)\s*\.\s*(?:${[...MOCK_METHODS].join("|")})`;

/**
 * Where a call that names a module starts, found by text: the tree then confirms it. A type
 * argument may stand between the callee and its parenthesis (`import.meta.glob<T>(…)`).
 */
function callSites(requires: ReadonlySet<string>): RegExp {
  const names = [...requires].map((name) => name.replace(/[$]/g, "\\$")).join("|");
  return new RegExp(
    String.raw`\b(?:(?:${names})\s*(?:\.\s*resolve\s*)?|import\s*(?:\.\s*meta\s*\.\s*(?:glob|globEager|resolve)\s*)?|${MOCK_CALL})(?=\s*[(<])|\bnew\s+URL\s*\(`,
    "g",
  );
}

const DEFAULT_SITES = callSites(new Set(["require"]));

/** `const load = createRequire(import.meta.url)`: `load("./x")` is a require too. */
const CREATE_REQUIRE =
  /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:[A-Za-z_$][\w$]*\s*\.\s*)?createRequire\s*\(/g;

function requireNames(source: string): Set<string> {
  const names = new Set(["require"]);
  if (!source.includes("createRequire")) return names;
  for (const match of source.matchAll(CREATE_REQUIRE)) names.add(match[1]!);
  return names;
}

const CREATE_REQUIRE_CALL = /\bcreateRequire\s*\(/g;

/** `createRequire(import.meta.url)("./x.cjs")`: the require `createRequire` makes, called where it is made. */
function inlineRequires(root: SyntaxNode, source: string, out: ImportRecord[], loads: CallImport[]): void {
  if (!source.includes("createRequire")) return;
  for (const maker of namedCalls(root, source, CREATE_REQUIRE_CALL)) {
    const call = maker.parent;
    const callee = call?.type === "call_expression" ? call.childForFieldName("function") : null;
    if (!call || callee?.startIndex !== maker.startIndex || callee.endIndex !== maker.endIndex) continue;
    const arg = call.childForFieldName("arguments")?.namedChildren.find((a) => a.type !== "comment");
    if (!arg) continue;
    const specifier = literalValue(arg);
    const records =
      specifier !== undefined ? [record(specifier, "require", call)] : computedRecords(arg, "require", call);
    for (const found of records) bindingOf(call, found);
    out.push(...records);
    loads.push({ records, call });
  }
}

/** The call or `new` expression whose callee starts at `start` and ends at `end`, if this is one. */
function callAt(root: SyntaxNode, start: number, end: number): SyntaxNode | undefined {
  let node: SyntaxNode | null = root.descendantForIndex(start, end);
  while (node && node.startIndex === start) {
    if (node.type === "call_expression" || node.type === "new_expression") return node;
    node = node.parent;
  }
  return undefined;
}

export interface CallImports {
  /** Offsets of the calls read, so the string pass can tell a real `require("x")` from one in a string. */
  calls: Set<number>;
  /** Each `import()`/`require()` with the records it made: `bindCallImports` reads what is used of them. */
  loads: CallImport[];
}

/**
 * Imports made by calls anywhere in the file: require (also one made by `createRequire`), import(),
 * mocks, `import.meta.glob`, `new URL("./x", import.meta.url)`, `require.resolve`. A specifier built
 * at run time names every file its pattern can match (computed-specifier.ts).
 */
export function callImports(
  root: SyntaxNode,
  source: string,
  query: SyntaxQuery,
  out: ImportRecord[],
): CallImports {
  const calls = new Set<number>();
  const loads: CallImport[] = [];
  const requires = requireNames(source);
  const sites = requires.size > 1 ? callSites(requires) : DEFAULT_SITES;
  // A query over the whole tree costs about half a parse whatever it finds (more than a
  // thousand located calls cost), so the query runs on each located call alone.
  for (const site of source.matchAll(sites)) {
    const node = callAt(root, site.index, site.index + site[0].length);
    if (!node || calls.has(site.index)) continue;
    calls.add(site.index);
    for (const match of query.matches(node, { maxStartDepth: 0 })) handleMatch(match, requires, out, loads);
  }
  inlineRequires(root, source, out, loads);
  return { calls, loads };
}
