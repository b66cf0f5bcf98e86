import { posix } from "node:path";
import { type ModuleScope, moduleScope } from "./config-scope.js";
import { readRecords } from "./fs-reads.js";
import { origin } from "./path-origin.js";
import { evaluate, FILE_URL, helperOf, REPO_ROOT, repoPathOf } from "./static-value.js";
import type { SyntaxNode } from "./syntax.js";
import type { ImportRecord } from "./types.js";

/**
 * Paths a module spells from its own location (`join(__dirname, "..", "public")`,
 * `new URL("../views/", import.meta.url)`) and hands to anything: a library that serves a folder
 * (`express.static`), renders templates from it, opens a database file or loads a config reads
 * what the path names, as `fs` would, though no `fs` call is in sight. Each such path that names a
 * file or folder below the module's own folder's ancestors is a read of it (build-graph.ts:
 * content only, no edges); one that names the module itself, its folder or a folder above names
 * nothing in particular and is left out.
 */

/** Where a path is anchored to the module's place: its folder, file or URL, or the process's folder. */
const ANCHOR =
  /\b__dirname\b|\b__filename\b|\bimport\s*\.\s*meta\s*\.\s*(?:url|dirname|filename)\b|\bprocess\s*\.\s*cwd\s*\(\s*\)/g;
/** Helpers whose value is still a path built from their arguments. */
const PATH_HELPERS = new Set([
  "path#join",
  "path#resolve",
  "path#normalize",
  "path#dirname",
  "url#fileURLToPath",
  "url#pathToFileURL",
]);

/** The node a match of ANCHOR is: `__dirname`, `import.meta.url`, `process.cwd()`. */
function anchorAt(root: SyntaxNode, start: number, end: number): SyntaxNode | undefined {
  let node: SyntaxNode | null = root.descendantForIndex(start, Math.max(start, end - 1));
  while (node?.parent && node.parent.startIndex === start && node.parent.endIndex <= end) node = node.parent;
  return node?.startIndex === start ? node : undefined;
}

/** The largest expression around `node` that still builds a path from it. */
function pathExpression(node: SyntaxNode, scope: ModuleScope): SyntaxNode {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (parent.type === "parenthesized_expression" || parent.type === "template_substitution") {
      current = parent.type === "template_substitution" ? (parent.parent ?? parent) : parent;
      continue;
    }
    if (parent.type === "binary_expression" && parent.childForFieldName("operator")?.text === "+") {
      current = parent;
      continue;
    }
    if (
      parent.type === "member_expression" &&
      /^(?:pathname|href)$/.test(parent.childForFieldName("property")?.text ?? "")
    ) {
      current = parent;
      continue;
    }
    const call = parent.type === "arguments" ? parent.parent : undefined;
    if (call?.type === "new_expression" && call.childForFieldName("constructor")?.text === "URL") {
      current = call;
      continue;
    }
    const callee = call?.type === "call_expression" ? call.childForFieldName("function") : undefined;
    if (callee && PATH_HELPERS.has(helperOf(callee, scope) ?? "")) {
      current = call!;
      continue;
    }
    return current;
  }
}

/** The module's folder and every folder above it, as repository paths ("" for the root). */
function placesAbove(file: string): Set<string> {
  const places = new Set([file, ""]);
  const parts = file.split("/");
  for (let i = 1; i < parts.length; i++) places.add(parts.slice(0, i).join("/"));
  return places;
}

/** Constants whose whole value is a spelled path: their uses are spelled paths too (`join(PUBLIC, "a")`). */
function anchoredNames(scope: ModuleScope, tops: ReadonlyMap<number, SyntaxNode>): string[] {
  const names: string[] = [];
  for (const [name, value] of scope.consts) {
    if (value && tops.get(value.startIndex)?.endIndex === value.endIndex) names.push(name);
  }
  return names;
}

/** `export const X = …`: the initialiser of a declaration an export statement holds. */
const isExported = (value: SyntaxNode) => value.parent?.parent?.parent?.type === "export_statement";

/**
 * Runner options whose values the tests get at run time (Vitest's `test.env` and `provide`, Jest's
 * `globals` and `testEnvironmentOptions`): a path spelled there is read by whatever test takes it
 * (`readdirSync(process.env.FIXTURES_DIR)`), so the config reads it, unlike `setupFiles` or an
 * alias target, which are options the runner reads as such.
 */
const HANDED_TO_TESTS = new Set(["env", "provide", "globals", "testEnvironmentOptions"]);

function handedToTests(top: SyntaxNode): boolean {
  for (let node = top.parent; node; node = node.parent) {
    if (node.type !== "pair") continue;
    const key = node.childForFieldName("key");
    const name = key?.type === "string" ? key.text.slice(1, -1) : key?.text;
    if (name !== undefined && HANDED_TO_TESTS.has(name)) return true;
  }
  return false;
}

/** The reads of a path whose whole value is known: none for the module, its folder or one above. */
function valueRecords(raw: string, top: SyntaxNode, scope: ModuleScope, above: ReadonlySet<string>) {
  const value = raw.startsWith(FILE_URL) ? raw.slice(FILE_URL.length) : raw;
  const path = repoPathOf(value.replace(/\/+$/, ""));
  if (path === undefined || above.has(path) || path.includes("\0")) return [];
  return readRecords({ value: `${REPO_ROOT}/${path}` }, top, scope, top);
}

/**
 * A known folder and a run-time name (`join(__dirname, "fixtures", name)` in an exported
 * `fixturePath(name)`): whoever gets the path may read any file under the folder, as an `fs` read
 * of it does (fs-reads.ts). Nothing when the folder is the module's own or one above it, where
 * every file would count, or when no folder is known.
 */
function folderRecords(node: SyntaxNode, top: SyntaxNode, scope: ModuleScope, above: ReadonlySet<string>) {
  const found = origin(node, scope);
  if (!("prefix" in found)) return [];
  return readRecords(found, top, scope, top, false).filter((record) => {
    if (record.computed !== "pattern") return false;
    const folder = posix.join(scope.dir, record.specifier.replace(/\/\*\*$/, ""));
    return !above.has(folder === "." ? "" : folder);
  });
}

function spelledRecord(top: SyntaxNode, scope: ModuleScope, above: ReadonlySet<string>): ImportRecord[] {
  // `{ FIXTURES }` is the constant's value under its own name.
  const shorthand = top.type === "shorthand_property_identifier" ? scope.consts.get(top.text) : undefined;
  const raw = evaluate(shorthand ?? top, scope);
  const records =
    raw === undefined
      ? folderRecords(shorthand ?? top, top, scope, above)
      : valueRecords(raw, top, scope, above);
  // Handed to a call (`express.static(…)`, `loadYaml(…)`), the path is read; else it is a value.
  if (top.parent?.type === "arguments" || handedToTests(top)) return records;
  return records.map((record) => ({ ...record, spelledValue: true as const }));
}

export function spelledPaths(root: SyntaxNode, source: string, file: string, out: ImportRecord[]): void {
  const anchors = [...source.matchAll(ANCHOR)];
  if (anchors.length === 0) return;
  const scope = { ...moduleScope(root, file), cwd: REPO_ROOT };
  /** The path expressions found, by where they start. */
  const tops = new Map<number, SyntaxNode>();
  const add = (node: SyntaxNode | undefined) => {
    const top = node && pathExpression(node, scope);
    if (top) tops.set(top.startIndex, top);
  };
  for (const match of anchors) add(anchorAt(root, match.index, match.index + match[0].length));
  const names = anchoredNames(scope, tops);
  if (names.length > 0) {
    const uses = new RegExp(String.raw`(?<![\w$.])(?:${names.join("|")})(?![\w$])`, "g");
    for (const match of source.matchAll(uses)) {
      const node = root.descendantForIndex(match.index, match.index + match[0].length - 1);
      if (!node || node.parent?.type === "variable_declarator") continue;
      // `{ FIXTURES }` hands the value on as `FIXTURES` does (`module.exports = { FIXTURES }`).
      if (node.type === "identifier" || node.type === "shorthand_property_identifier") add(node);
    }
  }
  // A constant's own value is read where it is handed on as it is, not where it is declared;
  // an exported one is handed on where it is declared, to every module that imports it.
  const declared = new Set(
    names
      .map((name) => scope.consts.get(name)!)
      .filter((value) => !isExported(value))
      .map((value) => value.startIndex),
  );
  // Paths an fs call, a spawn or `new URL` already names on that line are read there.
  const known = new Set(out.map((record) => `${record.line}:${record.specifier}`));
  const above = placesAbove(file);
  for (const top of tops.values()) {
    if (declared.has(top.startIndex)) continue;
    const [record] = spelledRecord(top, scope, above);
    const key = record && `${record.line}:${record.specifier}`;
    // A `new URL` handed to the tests is their read too, not only the URL the runner config sees.
    if (!record || (known.has(key!) && !handedToTests(top))) continue;
    known.add(key!);
    out.push(record);
  }
}
