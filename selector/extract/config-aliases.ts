import type { ConfigEntry } from "./config-entries.js";
import { follow, type ModuleScope } from "./config-scope.js";
import { evaluate, evaluateList } from "./static-value.js";
import { literalValue, type SyntaxNode } from "./syntax.js";

/**
 * One alias a runner applies before resolving: Vite's `resolve.alias`/`test.alias` (a string
 * prefix or a RegExp) or one Jest `moduleNameMapper` entry (a regex with `$1` substitutions).
 */
export interface RunnerAlias {
  style: "vite" | "jest";
  find: { prefix: string } | { regex: string; flags: string };
  /** Replacements in the order the runner tries them (Jest takes an array); empty when unread. */
  targets: string[];
  /** 1-based line of the entry in its config. */
  line: number;
  /** The replacement could not be read statically: what was written there. */
  unread?: string;
}

/** An option the reader could not evaluate: the config key, where, and what was written. */
export interface UnreadOption {
  key: string;
  line: number;
  text: string;
  /** The file that says it, when not the config itself (a local Jest preset). */
  file?: string;
}

const lineOf = (node: SyntaxNode) => node.startPosition.row + 1;
const pairs = (object: SyntaxNode) => object.namedChildren.filter((c) => c.type !== "comment");

function viteFind(node: SyntaxNode | undefined, scope: ModuleScope): RunnerAlias["find"] | undefined {
  const value = follow(node, scope);
  if (value?.type === "regex") {
    const regex = value.childForFieldName("pattern")?.text ?? "";
    return { regex, flags: value.childForFieldName("flags")?.text ?? "" };
  }
  const prefix = evaluate(value, scope);
  return prefix === undefined ? undefined : { prefix };
}

function target(
  style: RunnerAlias["style"],
  find: RunnerAlias["find"],
  value: SyntaxNode | undefined,
  scope: ModuleScope,
  line: number,
): RunnerAlias {
  const { values, unread } = evaluateList(value, scope);
  const alias: RunnerAlias = { style, find, targets: values, line };
  if (unread.length > 0 || values.length === 0) alias.unread = unread[0]?.text ?? "an empty value";
  return alias;
}

/** `{ "@": "./src" }` (Vite) or `{ "^@/(.*)$": "<rootDir>/src/$1" }` (Jest). */
function objectAliases(
  object: SyntaxNode,
  style: RunnerAlias["style"],
  scope: ModuleScope,
  key: string,
  unread: UnreadOption[],
): RunnerAlias[] {
  const out: RunnerAlias[] = [];
  for (const pair of pairs(object)) {
    const keyNode = pair.childForFieldName("key");
    const name =
      pair.type === "pair" && keyNode
        ? (literalValue(keyNode) ?? (keyNode.type === "property_identifier" ? keyNode.text : undefined))
        : undefined;
    if (name === undefined) {
      unread.push({ key, line: lineOf(pair), text: pair.text.slice(0, 60) });
      continue;
    }
    const find = style === "jest" ? { regex: name, flags: "" } : { prefix: name };
    out.push(target(style, find, pair.childForFieldName("value") ?? undefined, scope, lineOf(pair)));
  }
  return out;
}

/** `[{ find: "@", replacement: … }, { find: /^~(.*)$/, replacement: "$1" }]`. */
function arrayAliases(
  array: SyntaxNode,
  scope: ModuleScope,
  key: string,
  unread: UnreadOption[],
): RunnerAlias[] {
  const out: RunnerAlias[] = [];
  for (const raw of array.namedChildren) {
    if (raw.type === "comment") continue;
    const item = follow(raw, scope);
    const fields = new Map<string, SyntaxNode>();
    for (const pair of item?.type === "object" ? pairs(item) : []) {
      const name = pair.childForFieldName("key");
      const value = pair.childForFieldName("value");
      if (pair.type === "pair" && name && value) fields.set(literalValue(name) ?? name.text, value);
    }
    const find = viteFind(fields.get("find"), scope);
    if (!find) {
      unread.push({ key, line: lineOf(raw), text: raw.text.replace(/\s+/g, " ").slice(0, 60) });
      continue;
    }
    out.push(target("vite", find, fields.get("replacement"), scope, lineOf(raw)));
  }
  return out;
}

/** Whether an entry is a runner's alias option, and whose: `resolve.alias`, `test.alias`, `moduleNameMapper`. */
function aliasStyle(entry: ConfigEntry): RunnerAlias["style"] | undefined {
  if (entry.key === "moduleNameMapper") return "jest";
  const parent = entry.parents[entry.parents.length - 1];
  if (entry.key === "alias" && (parent === "resolve" || parent === "test")) return "vite";
  return undefined;
}

/** The aliases of a config module, in the order the runner tries them; what cannot be read goes to `unread`. */
export function aliasesOfModule(
  entries: readonly ConfigEntry[],
  scope: ModuleScope,
  unread: UnreadOption[],
): RunnerAlias[] {
  const out: RunnerAlias[] = [];
  for (const entry of entries) {
    const style = aliasStyle(entry);
    if (!style || !entry.node) continue;
    const key = style === "jest" ? "moduleNameMapper" : `${entry.parents[entry.parents.length - 1]}.alias`;
    const value = follow(entry.node, scope);
    if (value?.type === "object") out.push(...objectAliases(value, style, scope, key, unread));
    else if (value?.type === "array" && style === "vite")
      out.push(...arrayAliases(value, scope, key, unread));
    else
      unread.push({
        key,
        line: entry.line ?? lineOf(entry.node),
        text: entry.node.text.replace(/\s+/g, " ").slice(0, 60),
      });
  }
  return out;
}

/** `moduleNameMapper` of a JSON config (`jest.config.json`, the `jest` key of package.json). */
export function aliasesOfJson(config: unknown): RunnerAlias[] {
  if (typeof config !== "object" || config === null) return [];
  const mapper = (config as { moduleNameMapper?: unknown }).moduleNameMapper;
  const out: RunnerAlias[] = [];
  if (typeof mapper === "object" && mapper !== null) {
    for (const [regex, value] of Object.entries(mapper)) {
      const targets = (Array.isArray(value) ? value : [value]).filter(
        (v): v is string => typeof v === "string",
      );
      out.push({ style: "jest", find: { regex, flags: "" }, targets, line: 0 });
    }
  }
  const projects = (config as { projects?: unknown }).projects;
  if (Array.isArray(projects)) for (const project of projects) out.push(...aliasesOfJson(project));
  return out;
}
