import { compileQuery, type Grammar, onParserReset } from "./parser.js";
import { literalValue, type SyntaxNode } from "./syntax.js";
import type { SyntaxQuery } from "./syntax-tree.js";

/** One `key: value` of a config object, with the keys of the objects around it (outermost first). */
export interface ConfigEntry {
  key: string;
  values: string[];
  parents: string[];
  /** The value when it is `true` or `false` (options such as ts-jest's `diagnostics: false`). */
  flag?: boolean;
}

const PAIRS = "(pair key: (_) @key value: (_) @value)";
const compiled = new Map<Grammar, SyntaxQuery>();
onParserReset(() => compiled.clear());

function pairsQuery(grammar: Grammar): SyntaxQuery {
  let query = compiled.get(grammar);
  if (!query) {
    query = compileQuery(grammar, PAIRS);
    compiled.set(grammar, query);
  }
  return query;
}

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

/** Every `key: value` pair anywhere in a JS/TS config module. */
export function entriesOfModule(root: SyntaxNode, grammar: Grammar): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const match of pairsQuery(grammar).matches(root)) {
    const key = match.captures.find((c) => c.name === "key")?.node;
    const value = match.captures.find((c) => c.name === "value")?.node;
    if (!key || !value?.parent) continue;
    const entry: ConfigEntry = {
      key: keyText(key),
      values: literalStrings(value),
      parents: parentKeys(value.parent),
    };
    if (value.type === "true" || value.type === "false") entry.flag = value.type === "true";
    entries.push(entry);
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
