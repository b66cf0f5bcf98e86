import { posix } from "node:path";
import { type ModuleScope, moduleScope, unwrap } from "./config-scope.js";
import { callHelper, evaluate, FILE_URL, helperOf, REPO_ROOT, relativeToDir } from "./static-value.js";
import { lineOf, type SyntaxNode } from "./syntax.js";
import type { ImportRecord } from "./types.js";

/** Functions whose first argument is a path whose content or listing the caller then depends on. */
const READS = new Set([
  ...[
    "readFileSync",
    "readFile",
    "createReadStream",
    "readdirSync",
    "readdir",
    "existsSync",
    "statSync",
    "stat",
    "lstatSync",
    "lstat",
    "opendirSync",
    "opendir",
    "accessSync",
    "access",
    // fs-extra's
    "readJsonSync",
    "readJson",
    "readJSONSync",
    "readJSON",
    "pathExistsSync",
    "pathExists",
  ].map((name) => `fs#${name}`),
  ...["readFile", "readdir", "stat", "lstat", "access", "open", "opendir"].map((name) => `fsp#${name}`),
]);

/** Calls whose value is a path outside the repository: a read under it is no repository file. */
const OUTSIDE = new Set(["os#tmpdir", "os#homedir", "fs#mkdtempSync", "fs#mkdtemp", "fsp#mkdtemp"]);

const READ_NAMES = new Set([...READS].map((helper) => helper.slice(helper.indexOf("#") + 1)));
const READ_CALL = new RegExp(String.raw`\b(?:${[...READ_NAMES].join("|")})\s*\(`, "g");
const FS_MODULE = /["'](?:node:)?fs(?:\/promises)?["']|["'](?:fs-extra|graceful-fs)["']/;

/** What is known of a path expression: all of it, the folder it starts in, or that it is no repository path. */
type PathValue = { value: string } | { prefix: string } | { outside: true } | { unknown: true };

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
  if (known.length === 0) return args[0] ? origin(args[0], scope, depth + 1) : UNKNOWN;
  const prefix = callHelper(helper, known, scope);
  return prefix === undefined ? UNKNOWN : { prefix: `${prefix}/` };
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
function origin(raw: SyntaxNode, scope: ModuleScope, depth = 0): PathValue {
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

/** A value as a repository path (a relative one is where Node resolves it: the process's folder, the root). */
function inRepo(value: string): string | undefined {
  const path = value.startsWith(FILE_URL) ? value.slice(FILE_URL.length) : value;
  if (path === REPO_ROOT || path.startsWith(`${REPO_ROOT}/`)) return path;
  if (path.startsWith("/")) return undefined;
  return posix.join(REPO_ROOT, path);
}

function recordOf(found: PathValue, arg: SyntaxNode, scope: ModuleScope, call: SyntaxNode): ImportRecord[] {
  const base = {
    kind: "url" as const,
    names: "*" as const,
    typeOnly: false,
    line: lineOf(call),
    fsRead: true as const,
  };
  if ("outside" in found) return [];
  if ("value" in found) {
    const path = inRepo(found.value);
    return path ? [{ ...base, specifier: relativeToDir(path, scope.dir) }] : [];
  }
  if ("prefix" in found) {
    const path = inRepo(found.prefix);
    if (!path) return [];
    const dir = path.slice(0, path.lastIndexOf("/") + 1);
    // A name read anywhere in the repository is as good as unknown: linking every file would keep
    // the test on every change, where an unknown read keeps it only for files no import reaches.
    if (dir !== `${REPO_ROOT}/`) {
      const folder = relativeToDir(dir, scope.dir).replace(/\/+$/, "");
      return [{ ...base, specifier: `${folder}/**`, computed: "pattern" }];
    }
  }
  return [
    { ...base, specifier: arg.text.replace(/\s+/g, " ").slice(0, 200), computed: "unknown", fsRead: true },
  ];
}

/** The call whose callee ends at `end`: `readFileSync(` or `fs.promises.readFile(`. */
function callEndingAt(root: SyntaxNode, start: number, end: number): SyntaxNode | undefined {
  let node: SyntaxNode | null = root.descendantForIndex(start, end);
  while (node && node.endIndex === end && node.type !== "call_expression") node = node.parent;
  return node?.type === "call_expression" && node.childForFieldName("function")?.endIndex === end
    ? node
    : undefined;
}

/**
 * Files a module reads by path with `fs` (`readFileSync(join(__dirname, "fixtures", "a.json"))`):
 * a path the file's own constants and path helpers give is a read of that file (or folder); one
 * that starts in a known folder and ends in a run-time name reads every file under the folder
 * (build-graph.ts records them as the node's `reads`, not as edges); one with nothing static to go
 * on is an unknown read (`computed-reads.ts` keeps the tests that load it and name a changed file
 * no import reaches). A path that names no file at the revision is one the test writes or may
 * lack: nothing, and no warning. Paths under the temp or home
 * folder are no repository file. An unknown name is taken to stay inside its folder (`name`, not
 * `../x`).
 */
export function fsReads(root: SyntaxNode, source: string, file: string, out: ImportRecord[]): void {
  if (!FS_MODULE.test(source)) return;
  let scope: ModuleScope | undefined;
  for (const match of source.matchAll(READ_CALL)) {
    const nameEnd = match.index + match[0].replace(/\s*\($/, "").length;
    const call = callEndingAt(root, match.index, nameEnd);
    if (!call) continue;
    scope ??= { ...moduleScope(root, file), cwd: REPO_ROOT };
    const callee = unwrap(call.childForFieldName("function"));
    const helper = callee ? helperOf(callee, scope) : undefined;
    if (!helper || !READS.has(helper)) continue;
    const arg = call.childForFieldName("arguments")?.namedChildren.find((a) => a.type !== "comment");
    // `new URL("./x", import.meta.url)` is read where it is built (call-imports.ts).
    if (!arg || /\bnew\s+URL\b/.test(arg.text)) continue;
    out.push(...recordOf(origin(arg, scope), arg, scope, call));
  }
}
