import { bindingPattern } from "./binding-pattern.js";
import { MEMBER } from "./namespace-members.js";
import type { SyntaxNode } from "./syntax.js";
import type { ReferenceSite } from "./top-level.js";
import type { ImportRecord } from "./types.js";

/** Names of modules loaded inside code: no identifier has this shape, so none can collide. */
export const NESTED_LOAD = "import@";

/** A module loaded inside a function or statement, bound to the code around it (not an import line). */
export const isNestedLoad = (record: ImportRecord) => record.namespaceLocal?.startsWith(NESTED_LOAD) === true;

/** A module loaded by a call (`import()`, `require()`), with the call that loads it. */
export interface CallImport {
  records: ImportRecord[];
  call: SyntaxNode;
}

/** Members read from the module, or undefined when it is used whole (passed on, spread, indexed). */
type Reads = string[] | undefined;

const WRAPPERS = new Set([
  "parenthesized_expression",
  "await_expression",
  "non_null_expression",
  "as_expression",
]);

/** The expression that holds the loaded module: the call, through `await`, parentheses and casts. */
function holderOf(call: SyntaxNode): { value: SyntaxNode; parent: SyntaxNode | null } {
  let value = call;
  while (value.parent && WRAPPERS.has(value.parent.type)) value = value.parent;
  return { value, parent: value.parent };
}

/** The same node: wrappers of the backends are not kept, so compare what they span. */
const same = (a: SyntaxNode | null | undefined, b: SyntaxNode) =>
  a?.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

const escapeDollars = (text: string) => text.replace(/[$]/g, "\\$");

/**
 * The members read through a local binding inside `scope`: every `m.name`; any other use of `m`
 * (passed on, `m[key]`, spread, a shadowing binding) could read anything, so the module counts whole.
 * Words in comments and strings use nothing.
 */
function memberReads(
  source: string,
  scope: SyntaxNode,
  local: string,
  binding: SyntaxNode,
  inCode: (index: number) => boolean,
): Reads {
  const word = new RegExp(`(?<![\\w$\\u0080-\\uffff])${escapeDollars(local)}(?![\\w$\\u0080-\\uffff])`, "g");
  const members = new Set<string>();
  const text = source.slice(scope.startIndex, scope.endIndex);
  for (const match of text.matchAll(word)) {
    const at = scope.startIndex + match.index;
    if (at === binding.startIndex || !inCode(at)) continue;
    // `other.m` is someone else's property; `...m` spreads the module: every member.
    if (source[at - 1] === "." && source.slice(at - 3, at) !== "...") continue;
    const member = MEMBER.exec(source.slice(at + local.length, at + local.length + 256));
    if (!member) return undefined;
    members.add(member[1]!);
  }
  return [...members];
}

/** `import(…).then((m) => …)`: what the callback reads from its first parameter. */
function thenReads(
  source: string,
  member: SyntaxNode,
  inCode: (index: number) => boolean,
): Reads | "unread" | "unknown" {
  if (member.childForFieldName("property")?.text !== "then") return "unknown";
  const call = member.parent;
  if (call?.type !== "call_expression") return "unknown";
  const callback = call.childForFieldName("arguments")?.namedChildren[0];
  if (callback?.type !== "arrow_function" && callback?.type !== "function_expression") return "unknown";
  const single = callback.childForFieldName("parameter");
  const params = callback.childForFieldName("parameters")?.namedChildren ?? [];
  const param = single ?? params[0]?.childForFieldName("pattern") ?? params[0];
  if (!param) return "unread";
  const body = callback.childForFieldName("body");
  if (!body) return undefined;
  if (param.type === "identifier") return memberReads(source, body, param.text, param, inCode);
  return bindingPattern(param)?.names;
}

/** Whether a declarator binds a name of the whole module, not of a block or function inside it. */
function isTopLevelDeclarator(declarator: SyntaxNode): boolean {
  const declaration = declarator.parent;
  const container = declaration?.parent;
  return (
    container?.type === "program" ||
    (container?.type === "export_statement" && container.parent?.type === "program")
  );
}

/** `var` in a block outside any function is hoisted to the module: any top-level code may read it. */
function hoistsToModule(declarator: SyntaxNode): boolean {
  if (declarator.parent?.type !== "variable_declaration") return false;
  for (let node = declarator.parent.parent; node; node = node.parent) {
    if (node.type === "program") return true;
    if (/function|method|arrow|class_body/.test(node.type)) return false;
  }
  return true;
}

type Use =
  /** Bound to a top-level name: its readers are found like any other top-level name's, by member. */
  | { kind: "top-level"; reads?: Reads }
  /** Read only by the code around the call, through these members (undefined: whole). */
  | { kind: "local"; reads: Reads; alsoBinds?: string }
  /** Bound in a way no site owns (a hoisted `var`): the whole file counts. */
  | { kind: "file" };

function useOf(source: string, call: SyntaxNode, site: SyntaxNode, inCode: (index: number) => boolean): Use {
  const { value, parent } = holderOf(call);
  if (!parent) return { kind: "file" };
  if (parent.type === "variable_declarator" && same(parent.childForFieldName("value"), value)) {
    const name = parent.childForFieldName("name")!;
    if (isTopLevelDeclarator(parent)) {
      if (name.type !== "identifier") return { kind: "top-level" };
      return { kind: "top-level", reads: memberReads(source, site.parent!, name.text, name, inCode) };
    }
    if (hoistsToModule(parent)) return { kind: "file" };
    if (name.type === "identifier")
      return { kind: "local", reads: memberReads(source, site, name.text, name, inCode) };
    return { kind: "local", reads: bindingPattern(name)?.names };
  }
  if (parent.type === "member_expression" && same(parent.childForFieldName("object"), value)) {
    const then = thenReads(source, parent, inCode);
    if (then === "unread") return { kind: "local", reads: [] };
    if (then !== "unknown") return { kind: "local", reads: then };
    const property = parent.childForFieldName("property");
    if (property?.type === "property_identifier") return { kind: "local", reads: [property.text] };
    return { kind: "local", reads: undefined };
  }
  if (parent.type === "expression_statement") return { kind: "local", reads: [] };
  if (parent.type === "assignment_expression" && same(parent.childForFieldName("right"), value)) {
    const left = parent.childForFieldName("left");
    if (left?.type === "identifier") return { kind: "local", reads: undefined, alsoBinds: left.text };
  }
  return { kind: "local", reads: undefined };
}

/** The top-level node around a call: the site whose code runs it. */
function topLevelNode(call: SyntaxNode): SyntaxNode | undefined {
  let node: SyntaxNode | null = call;
  while (node?.parent && node.parent.type !== "program") node = node.parent;
  return node?.parent ? node : undefined;
}

/**
 * Binds the names read from modules loaded by calls to the top-level code that reads them. A
 * module loaded inside a function (`const m = await import("./x"); m.a`) is bound to a name no
 * other code can write, `import@line:column`, which the enclosing declaration or statement
 * references member by member (`import@3:13.a`), so the symbol level follows a change to `a` to
 * that declaration and on to whoever calls it. Where the reads cannot be told (the module passed
 * on, stored, indexed), the enclosing code references the whole module; a hoisted `var` binding
 * that top-level code may read elsewhere makes the whole file count.
 */
export function bindCallImports(
  source: string,
  loads: readonly CallImport[],
  sites: readonly ReferenceSite[],
  inCode: (index: number) => boolean,
): void {
  for (const { records, call } of loads) {
    const top = topLevelNode(call);
    const site = top && sites.find((s) => s.start === top.startIndex);
    const use = top && site ? useOf(source, call, top, inCode) : { kind: "file" as const };
    if (use.kind === "top-level") {
      for (const record of records) if (record.namespaceLocal && use.reads) record.members = use.reads;
      continue;
    }
    for (const record of records) {
      delete record.namespaceLocal;
      delete record.locals;
      record.names = "*";
    }
    if (use.kind === "file" || !site) continue;
    const local = `${NESTED_LOAD}${call.startPosition.row + 1}:${call.startPosition.column + 1}`;
    for (const record of records) {
      record.namespaceLocal = local;
      if (use.reads) record.members = use.reads;
    }
    const references = use.reads ? use.reads.map((member) => `${local}.${member}`) : [local];
    site.references.push(...references);
    if (use.alsoBinds) {
      const owner = sites.find((s) => s.own.has(use.alsoBinds!));
      owner?.references.push(...references);
    }
  }
}
