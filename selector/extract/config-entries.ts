import type { ModuleScope } from "./config-scope.js";
import { cachedQuery, type Grammar } from "./parser.js";
import { evaluateList, relativeToDir, type UnreadValue } from "./static-value.js";
import { literalValue, type SyntaxNode } from "./syntax.js";

/** One `key: value` of a config object, with the keys of the objects around it (outermost first). */
export interface ConfigEntry {
  key: string;
  values: string[];
  parents: string[];
  /** The value when it is `true` or `false` (options such as ts-jest's `diagnostics: false`). */
  flag?: boolean;
  /** 1-based line of the value (modules only). */
  line?: number;
  /** Items of the value that could not be evaluated statically (modules only). */
  unread?: UnreadValue[];
  /** The value's node, for options read as objects (`alias`, `moduleNameMapper`); modules only. */
  node?: SyntaxNode;
  /** Start offset of the inline project object (`test.projects: [{ … }]`) the pair sits in, if any. */
  project?: number;
}

const PAIRS = "(pair key: (_) @key value: (_) @value)";
const pairsQuery = cachedQuery(PAIRS);

/** Strings of a value: a literal, or the literals of an array. Anything computed is skipped. */
export function literalStrings(node: SyntaxNode): string[] {
  const nodes = node.type === "array" ? node.namedChildren : [node];
  const out: string[] = [];
  for (const item of nodes) {
    const value = literalValue(item);
    if (value !== undefined) out.push(value);
  }
  return out;
}

const keyText = (key: SyntaxNode) => literalValue(key) ?? key.text;

function parentKeys(pair: SyntaxNode): string[] {
  const keys: string[] = [];
  for (let node = pair.parent; node; node = node.parent) {
    const key = node.type === "pair" ? node.childForFieldName("key") : null;
    if (key) keys.unshift(keyText(key));
  }
  return keys;
}

const PROJECT_LISTS = new Set(["projects", "workspace"]);

/**
 * The inline project object around a pair: an object listed in `projects`/`workspace`, or in an
 * array outside any pair (a workspace file's `defineWorkspace([…])`, `export default […]`).
 */
function inlineProjectOf(pair: SyntaxNode): number | undefined {
  for (let node = pair.parent; node; node = node.parent) {
    if (node.type !== "object" || node.parent?.type !== "array") continue;
    let holder = node.parent.parent;
    while (holder && holder.type !== "pair" && holder.type !== "program") holder = holder.parent;
    const key = holder?.type === "pair" ? holder.childForFieldName("key") : null;
    if (!key || PROJECT_LISTS.has(keyText(key))) return node.startIndex;
  }
  return undefined;
}

/**
 * Every `key: value` pair anywhere in a JS/TS config module, values evaluated where they are built
 * from literals and path helpers (`path.resolve(__dirname, "x")` reads as `./x`).
 */
export function entriesOfModule(root: SyntaxNode, grammar: Grammar, scope: ModuleScope): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const match of pairsQuery(grammar).matches(root)) {
    const key = match.captures.find((c) => c.name === "key")?.node;
    const value = match.captures.find((c) => c.name === "value")?.node;
    if (!key || !value?.parent) continue;
    const { values, unread } = evaluateList(value, scope);
    const project = inlineProjectOf(value.parent);
    entries.push({
      key: keyText(key),
      values: values.map((v) => relativeToDir(v, scope.dir)),
      parents: parentKeys(value.parent),
      line: value.startPosition.row + 1,
      unread,
      node: value,
      ...(value.type === "true" || value.type === "false" ? { flag: value.type === "true" } : {}),
      ...(project === undefined ? {} : { project }),
    });
  }
  return entries;
}

/** The same entries from parsed JSON (`jest.config.json`, the `jest` key of package.json). */
export function entriesOfJson(
  value: unknown,
  parents: string[] = [],
  into: ConfigEntry[] = [],
): ConfigEntry[] {
  if (Array.isArray(value)) {
    for (const item of value)
      if (typeof item === "object" && item !== null) entriesOfJson(item, parents, into);
    return into;
  }
  if (typeof value !== "object" || value === null) return into;
  for (const [key, inner] of Object.entries(value)) {
    const values = (Array.isArray(inner) ? inner : [inner]).filter((v): v is string => typeof v === "string");
    into.push({ key, values, parents, ...(typeof inner === "boolean" ? { flag: inner } : {}) });
    entriesOfJson(inner, [...parents, key], into);
  }
  return into;
}
