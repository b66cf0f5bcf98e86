import { posix } from "node:path";
import { type ModuleScope, unwrap } from "./config-scope.js";
import { callHelper, evaluate, FILE_URL, helperOf, REPO_ROOT } from "./static-value.js";
import type { SyntaxNode } from "./syntax.js";

/**
 * Where a path expression in a module comes from, as far as the module itself tells: shared by the
 * files it reads (fs-reads.ts) and the scripts it runs (spawned-scripts.ts).
 */

/** Calls whose value is a path outside the repository: a read under it is no repository file. */
const OUTSIDE = new Set(["os#tmpdir", "os#homedir", "fs#mkdtempSync", "fs#mkdtemp", "fsp#mkdtemp"]);

/** What is known of a path expression: all of it, the folder it starts in, or that it is no repository path. */
export type PathValue = { value: string } | { prefix: string } | { outside: true } | { unknown: true };

const UNKNOWN: PathValue = { unknown: true };

/** The leading arguments of `join(a, b, name)` that are known, joined: the folder the rest names a file in. */
function helperPath(call: SyntaxNode, helper: string, scope: ModuleScope, depth: number): PathValue {
  if (OUTSIDE.has(helper)) return { outside: true };
  if (helper !== "path#join" && helper !== "path#resolve") return UNKNOWN;
  const args = (call.childForFieldName("arguments")?.namedChildren ?? []).filter((a) => a.type !== "comment");
  const known: string[] = [];
  for (const arg of args) {
    const value = evaluate(arg, scope);
    if (value === undefined) break;
    known.push(value);
  }
  // `join(__dirname, `fixtures/${name}.json`)`: the folders the first unknown part spells count too.
  const next = args[known.length];
  if (known.length > 0 && (next?.type === "template_string" || next?.type === "binary_expression")) {
    const lead = leadingText(next, scope, depth + 1);
    const folders = "prefix" in lead ? lead.prefix.slice(0, lead.prefix.lastIndexOf("/") + 1) : "";
    if (folders !== "" && !folders.startsWith("/")) known.push(folders);
  }
  if (known.length === 0) return args[0] ? origin(args[0], scope, depth + 1) : UNKNOWN;
  const prefix = callHelper(helper, known, scope);
  return prefix === undefined ? UNKNOWN : { prefix: `${prefix.replace(/\/+$/, "")}/` };
}

/** The known text a template or `+` chain starts with, up to its first unknown part. */
function leadingText(node: SyntaxNode, scope: ModuleScope, depth: number): PathValue {
  const parts =
    node.type === "template_string"
      ? node.namedChildren.map((part) =>
          part.type === "template_substitution" ? part.namedChildren[0] : part,
        )
      : [node.childForFieldName("left"), node.childForFieldName("right")];
  let text = "";
  for (const [index, part] of parts.entries()) {
    const value =
      part?.type === "string_fragment"
        ? part.text
        : part?.type === "escape_sequence"
          ? part.text.slice(1)
          : evaluate(part, scope);
    if (value === undefined) {
      if (index === 0 && part) return origin(part, scope, depth + 1);
      return text === "" ? UNKNOWN : { prefix: text };
    }
    text += value;
  }
  return { value: text };
}

/** Where a path expression comes from, as far as the file itself tells. */
export function origin(raw: SyntaxNode, scope: ModuleScope, depth = 0): PathValue {
  const node = unwrap(raw);
  if (!node || depth > 8) return UNKNOWN;
  const value = evaluate(node, scope);
  if (value !== undefined) return { value };
  if (node.type === "identifier") {
    const bound = scope.consts.get(node.text);
    return bound ? origin(bound, scope, depth + 1) : UNKNOWN;
  }
  if (node.type === "call_expression") {
    const callee = unwrap(node.childForFieldName("function"));
    const helper = callee ? helperOf(callee, scope) : undefined;
    return helper ? helperPath(node, helper, scope, depth) : UNKNOWN;
  }
  if (node.type === "template_string") return leadingText(node, scope, depth);
  if (node.type === "binary_expression" && node.childForFieldName("operator")?.text === "+") {
    return leadingText(node, scope, depth);
  }
  return UNKNOWN;
}

/**
 * `process.cwd()` in code that runs under a test: the repository root, or the folder of a package
 * run alone (`npm test -w app`, `pnpm -r test`). `atProcessFolders` expands it.
 */
export const PROCESS_CWD = "/\u0000cwd";

/** The folders the process may run in for a module in `dir`: the root and each folder down to `dir`. */
export function processFolders(dir: string): string[] {
  const folders = [REPO_ROOT];
  let path = REPO_ROOT;
  for (const part of dir === "" ? [] : dir.split("/")) {
    path = `${path}/${part}`;
    folders.push(path);
  }
  return folders;
}

/** A path as it lands in each folder the process may run in; undefined for one that does not depend on it. */
function expand(path: string, dir: string): { path: string; folder: string }[] | undefined {
  if (path === PROCESS_CWD || path.startsWith(`${PROCESS_CWD}/`)) {
    return processFolders(dir).map((folder) => ({ path: folder + path.slice(PROCESS_CWD.length), folder }));
  }
  if (path.startsWith("/") || path.startsWith(FILE_URL)) return undefined;
  return processFolders(dir).map((folder) => ({ path: posix.join(folder, path), folder }));
}

/**
 * A path relative to the process, or built from `process.cwd()`, at each folder the process may
 * run in (the root first), with that folder; any other path as it is. A folder where it names
 * nothing costs nothing.
 */
export function atProcessFolders(found: PathValue, dir: string): { at: PathValue; folder?: string }[] {
  if ("value" in found) {
    return (
      expand(found.value, dir)?.map(({ path, folder }) => ({ at: { value: path }, folder })) ?? [
        { at: found },
      ]
    );
  }
  if ("prefix" in found) {
    // `join("fixtures", name)` is a folder's prefix: its trailing slash outlives posix.join.
    const slash = found.prefix.endsWith("/") ? "/" : "";
    const landed = expand(found.prefix, dir);
    return (
      landed?.map(({ path, folder }) => ({
        at: { prefix: path.endsWith("/") ? path : path + slash },
        folder,
      })) ?? [{ at: found }]
    );
  }
  return [{ at: found }];
}

/** A value as a repository path (a relative one is where Node resolves it: the process's folder, the root). */
export function inRepo(value: string): string | undefined {
  const path = value.startsWith(FILE_URL) ? value.slice(FILE_URL.length) : value;
  if (path === REPO_ROOT || path.startsWith(`${REPO_ROOT}/`)) return path;
  if (path.startsWith("/")) return undefined;
  return posix.join(REPO_ROOT, path);
}
