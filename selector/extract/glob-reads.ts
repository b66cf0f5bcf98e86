import { posix } from "node:path";
import { follow, type ModuleScope, moduleScope, unwrap } from "./config-scope.js";
import { fsReadRecord } from "./fs-reads.js";
import { namedCalls } from "./named-calls.js";
import { atProcessFolders, inRepo, origin, PROCESS_CWD, processFolders } from "./path-origin.js";
import { evaluate, helperOf, REPO_ROOT, relativeToDir } from "./static-value.js";
import { literalValue, type SyntaxNode } from "./syntax.js";
import type { ImportRecord } from "./types.js";

/**
 * Files a module lists by a glob pattern (`fg.sync("fixtures/**\/*.json", { cwd: __dirname })`,
 * `globSync` of glob, tinyglobby or node:fs, `globby`) and then reads by the paths it gets: a
 * file added, changed or deleted under the pattern changes what the caller sees. Each pattern is
 * a read of every file it matches (build-graph.ts resolves it as `fs-reads.ts`'s folder reads).
 */

/** Modules whose calls list files by pattern (config-scope.ts binds their locals as `glob#…`), or node:fs's. */
const GLOB_SOURCE = /["'](?:fast-glob|glob|tinyglobby|globby)["']|\bglob(?:Sync)?\s*\(/;

/** node:fs's own (Node 22): `fs.globSync`, `fs.glob`, `fs.promises.glob`. */
const FS_GLOBS = new Set(["fs#globSync", "fs#glob", "fsp#glob"]);

/** Functions of those modules that take a pattern but list nothing. */
const NOT_LISTING = new Set([
  "isDynamicPattern",
  "escapePath",
  "convertPathToPattern",
  "generateTasks",
  "generateGlobTasks",
  "generateGlobTasksSync",
  "hasMagic",
  "escape",
  "unescape",
  "isGitIgnored",
  "isGitIgnoredSync",
  "isIgnoredByIgnoreFiles",
  "isIgnoredByIgnoreFilesSync",
]);

/** The glob function a callee names: `fg`, `fg.sync`, `globSync`, `glob.sync`, `fs.globSync`. */
function globCall(callee: SyntaxNode, scope: ModuleScope): string | undefined {
  const helper = helperOf(callee, scope);
  if (helper && (FS_GLOBS.has(helper) || helper.startsWith("glob#"))) return helper;
  if (callee.type !== "member_expression") return undefined;
  // `glob.sync(…)` on the named import `glob`.
  const object = unwrap(callee.childForFieldName("object"));
  const bound = object?.type === "identifier" ? scope.imports.get(object.text) : undefined;
  return bound?.startsWith("glob#") ? `${bound}.${callee.childForFieldName("property")?.text}` : undefined;
}

/** The value of `key` in an object literal, if it is given there. */
function property(object: SyntaxNode | undefined, key: string): SyntaxNode | undefined {
  if (object?.type !== "object") return undefined;
  for (const pair of object.namedChildren) {
    if (pair.type === "shorthand_property_identifier" && pair.text === key) return pair;
    if (pair.type !== "pair") continue;
    const name = pair.childForFieldName("key");
    if ((literalValue(name) ?? name?.text) === key) return pair.childForFieldName("value") ?? undefined;
  }
  return undefined;
}

/**
 * The folders a pattern is matched in: `cwd`'s when it is known, else the process's (the root, or
 * a package run alone: each folder down to the caller).
 */
function cwdFolders(options: SyntaxNode | undefined, scope: ModuleScope): string[] | "unknown" {
  const cwd = property(follow(options, scope), "cwd");
  if (!cwd) return processFolders(scope.dir);
  // `{ cwd }`: the constant of that name.
  const value = cwd.type === "shorthand_property_identifier" ? scope.consts.get(cwd.text) : cwd;
  const found = value ? origin(value, scope) : ({ unknown: true } as const);
  if ("outside" in found) return [];
  if (!("value" in found)) return "unknown";
  const folders: string[] = [];
  for (const { at } of atProcessFolders(found, scope.dir)) {
    const path = "value" in at ? inRepo(at.value) : undefined;
    if (path) folders.push(path.replace(/\/+$/, ""));
  }
  return folders;
}

/** One read per positive pattern and folder; one unknown read when a pattern or `cwd` is built at run time. */
function globRecords(call: SyntaxNode, scope: ModuleScope): ImportRecord[] {
  const args = (call.childForFieldName("arguments")?.namedChildren ?? []).filter((a) => a.type !== "comment");
  const first = follow(args[0], scope);
  if (!first) return [];
  // tinyglobby takes `glob({ patterns, cwd })` too.
  const patterns = first.type === "object" ? follow(property(first, "patterns"), scope) : first;
  const options = first.type === "object" ? first : args[1];
  const base = fsReadRecord(call);
  const unknown = [
    { ...base, specifier: call.text.replace(/\s+/g, " ").slice(0, 200), computed: "unknown" as const },
  ];
  if (!patterns) return unknown;
  const folders = cwdFolders(options, scope);
  const items =
    patterns.type === "array" ? patterns.namedChildren.filter((a) => a.type !== "comment") : [patterns];
  const values = items.map((item) => evaluate(item, scope));
  if (folders === "unknown" || values.some((value) => value === undefined)) return unknown;
  const records: ImportRecord[] = [];
  for (const pattern of values as string[]) {
    // A negative pattern only narrows what is listed: leaving it out lists more.
    if (pattern.startsWith("!")) continue;
    const absolute = pattern.startsWith("/") ? [pattern] : folders.map((dir) => posix.join(dir, pattern));
    for (const path of absolute) {
      if (path !== REPO_ROOT && !path.startsWith(`${REPO_ROOT}/`)) continue;
      records.push({ ...base, specifier: relativeToDir(path, scope.dir), computed: "pattern" });
    }
  }
  return records;
}

/** Calls through the locals that may list: a glob module's, or fs's (`fs.globSync`). */
function callsThrough(scope: ModuleScope): RegExp | undefined {
  const locals = [...scope.imports]
    .filter(([, helper]) => helper.startsWith("glob#") || FS_GLOBS.has(helper) || /^fsp?#\*$/.test(helper))
    .map(([local]) => local.replace(/[$]/g, "\\$"));
  if (locals.length === 0) return undefined;
  return new RegExp(String.raw`\b(?:${locals.join("|")})(?:\s*\.\s*[A-Za-z_$][\w$]*)*\s*\(`, "g");
}

const lastName = (helper: string) => helper.split(/[#.]/).at(-1) ?? "";

/** Every listing by glob the module makes, as reads of the files each pattern matches. */
export function globReads(root: SyntaxNode, source: string, file: string, out: ImportRecord[]): void {
  if (!GLOB_SOURCE.test(source)) return;
  const scope = { ...moduleScope(root, file), cwd: PROCESS_CWD };
  const calls = callsThrough(scope);
  if (!calls) return;
  for (const call of namedCalls(root, source, calls)) {
    const callee = unwrap(call.childForFieldName("function"));
    const helper = callee ? globCall(callee, scope) : undefined;
    if (!helper || NOT_LISTING.has(lastName(helper))) continue;
    out.push(...globRecords(call, scope));
  }
}
