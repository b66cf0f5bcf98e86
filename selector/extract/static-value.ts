import { posix } from "node:path";
import { follow, type ModuleScope, unwrap } from "./config-scope.js";
import { literalValue, type SyntaxNode } from "./syntax.js";

/**
 * The repository root as config code sees it: `__dirname`, `process.cwd()` and `import.meta.url`
 * evaluate to paths under this marker, so an absolute path the config builds is told apart from a
 * `/src` that Vite reads as rooted at the project. The NUL byte keeps it from matching a real path.
 */
export const REPO_ROOT = "/\u0000repo";

/** How deep constants and nested calls are followed: enough for real configs, bounded for cycles. */
const MAX_DEPTH = 12;
export const FILE_URL = "file://";
const dirPath = (scope: ModuleScope) => (scope.dir === "" ? REPO_ROOT : `${REPO_ROOT}/${scope.dir}`);
const filePath = (scope: ModuleScope) => `${REPO_ROOT}/${scope.file}`;

/** `new URL(spec, base)` for a file URL base: the spec resolved against the base's directory. */
function urlAgainst(spec: string, base: string): string | undefined {
  if (!base.startsWith(FILE_URL)) return undefined;
  if (spec.startsWith(FILE_URL)) return spec;
  const basePath = base.slice(FILE_URL.length);
  const joined = spec.startsWith("/") ? spec : posix.join(posix.dirname(basePath), spec);
  const trailing = spec.endsWith("/") && !joined.endsWith("/") ? "/" : "";
  return `${FILE_URL}${joined}${trailing}`;
}

/** What a known helper computes from its arguments: `resolve`, `join`, `dirname`, `fileURLToPath`. */
export function callHelper(helper: string, args: string[], scope: ModuleScope): string | undefined {
  switch (helper) {
    case "path#resolve":
      // From the process's folder where the caller says what it is (code under test), else the config's.
      return posix.resolve(scope.cwd ?? dirPath(scope), ...args);
    case "path#join":
      return args.length === 0 ? "." : posix.join(...args);
    case "path#dirname":
      return args.length === 1 ? posix.dirname(args[0]!) : undefined;
    case "path#normalize":
      return args.length === 1 ? posix.normalize(args[0]!) : undefined;
    case "url#fileURLToPath":
      return args.length === 1 && args[0]!.startsWith(FILE_URL) ? args[0]!.slice(FILE_URL.length) : undefined;
    case "url#pathToFileURL":
      return args.length === 1 && args[0]!.startsWith("/") ? `${FILE_URL}${args[0]}` : undefined;
    default:
      return undefined;
  }
}

/** The helper a callee names: `resolve` imported from node:path, `path.join`, `path.posix.join`, `url.fileURLToPath`. */
export function helperOf(callee: SyntaxNode, scope: ModuleScope): string | undefined {
  if (callee.type === "identifier") return scope.imports.get(callee.text);
  if (callee.type !== "member_expression") return undefined;
  const property = callee.childForFieldName("property")?.text;
  let object = callee.childForFieldName("object");
  const via = object?.type === "member_expression" ? object.childForFieldName("property")?.text : undefined;
  if (via === "posix" || via === "promises") object = object!.childForFieldName("object");
  if (object?.type !== "identifier" || !property) return undefined;
  const bound = scope.imports.get(object.text);
  if (!bound?.endsWith("#*") && !bound?.endsWith("#default")) return undefined;
  const module = bound.slice(0, bound.indexOf("#"));
  // `fs.promises.readFile` is `readFile` of fs/promises.
  if (via === "promises") return module === "fs" ? `fsp#${property}` : undefined;
  return `${module}#${property}`;
}

const FUNCTIONS = new Set(["function_declaration", "function_expression", "function", "arrow_function"]);

/** The one expression a function returns: an arrow's body, or a body that is a single `return`. */
function returned(fn: SyntaxNode): SyntaxNode | undefined {
  const body = fn.childForFieldName("body");
  if (!body) return undefined;
  if (body.type !== "statement_block") return body;
  const statements = body.namedChildren.filter((c) => c.type !== "comment");
  const [only] = statements;
  return statements.length === 1 && only?.type === "return_statement" ? only.namedChildren[0] : undefined;
}

/** Names of plain parameters (`(dir)`, `(dir: string)`); undefined for patterns, defaults, rest. */
function parameterNames(fn: SyntaxNode): string[] | undefined {
  const params = fn.childForFieldName("parameters") ?? fn.childForFieldName("parameter");
  if (!params) return undefined;
  if (params.type === "identifier") return [params.text];
  const names: string[] = [];
  for (const param of params.namedChildren) {
    if (param.type === "comment") continue;
    const pattern = param.type === "identifier" ? param : param.childForFieldName("pattern");
    if (pattern?.type !== "identifier" || param.childForFieldName("value")) return undefined;
    names.push(pattern.text);
  }
  return names;
}

/** A call to a function of the config itself that returns one expression of its parameters. */
function evaluateLocalCall(
  fn: SyntaxNode,
  args: string[],
  scope: ModuleScope,
  depth: number,
): string | undefined {
  const body = returned(fn);
  const names = parameterNames(fn);
  if (!body || !names || names.length < args.length) return undefined;
  const bound = new Map(scope.bound);
  names.forEach((name, index) => {
    if (index < args.length) bound.set(name, args[index]!);
  });
  return evaluate(body, { ...scope, bound }, depth + 1);
}

function evaluateArgs(node: SyntaxNode, scope: ModuleScope, depth: number): string[] | undefined {
  const args: string[] = [];
  for (const arg of node.childForFieldName("arguments")?.namedChildren ?? []) {
    if (arg.type === "comment") continue;
    const value = evaluate(arg, scope, depth + 1);
    if (value === undefined) return undefined;
    args.push(value);
  }
  return args;
}

function evaluateCall(node: SyntaxNode, scope: ModuleScope, depth: number): string | undefined {
  const callee = unwrap(node.childForFieldName("function"));
  if (!callee) return undefined;
  const local =
    callee.type === "identifier" && !scope.bound?.has(callee.text)
      ? scope.consts.get(callee.text)
      : undefined;
  if (local && FUNCTIONS.has(local.type)) {
    const args = evaluateArgs(node, scope, depth);
    return args === undefined ? undefined : evaluateLocalCall(local, args, scope, depth);
  }
  if (callee.type === "member_expression" && callee.text === "process.cwd")
    return scope.cwd ?? dirPath(scope);
  const helper = helperOf(callee, scope);
  if (!helper) return undefined;
  const args = evaluateArgs(node, scope, depth);
  return args === undefined ? undefined : callHelper(helper, args, scope);
}

function evaluateTemplate(node: SyntaxNode, scope: ModuleScope, depth: number): string | undefined {
  let out = "";
  for (const part of node.namedChildren) {
    if (part.type === "template_substitution") {
      const value = evaluate(part.namedChildren[0], scope, depth + 1);
      if (value === undefined) return undefined;
      out += value;
    } else if (part.type === "escape_sequence") out += part.text.slice(1);
    else out += part.text;
  }
  return out;
}

function evaluateMember(node: SyntaxNode, scope: ModuleScope, depth: number): string | undefined {
  const text = node.text.replace(/\s+/g, "");
  if (text === "import.meta.url") return `${FILE_URL}${filePath(scope)}`;
  if (text === "import.meta.dirname") return dirPath(scope);
  if (text === "import.meta.filename") return filePath(scope);
  const property = node.childForFieldName("property")?.text;
  if (property !== "pathname" && property !== "href") return undefined;
  const url = evaluate(node.childForFieldName("object"), scope, depth + 1);
  if (!url?.startsWith(FILE_URL)) return undefined;
  return property === "href" ? url : url.slice(FILE_URL.length);
}

function evaluateNew(node: SyntaxNode, scope: ModuleScope, depth: number): string | undefined {
  if (node.childForFieldName("constructor")?.text !== "URL") return undefined;
  const [spec, base] = node.childForFieldName("arguments")?.namedChildren ?? [];
  const specValue = evaluate(spec, scope, depth + 1);
  if (!base) return specValue?.startsWith(FILE_URL) ? specValue : undefined;
  const baseValue = base ? evaluate(base, scope, depth + 1) : undefined;
  return specValue === undefined || baseValue === undefined ? undefined : urlAgainst(specValue, baseValue);
}

/**
 * The string a config expression evaluates to, when it is built from literals and the path
 * helpers people write around them; undefined for anything else (a call to unknown code, an
 * environment variable, a parameter).
 */
export function evaluate(
  raw: SyntaxNode | null | undefined,
  scope: ModuleScope,
  depth = 0,
): string | undefined {
  const node = unwrap(raw);
  if (!node || depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case "string":
      return literalValue(node);
    case "template_string":
      return evaluateTemplate(node, scope, depth);
    case "identifier": {
      const param = scope.bound?.get(node.text);
      if (param !== undefined) return param;
      const bound = scope.consts.get(node.text);
      if (bound) return evaluate(bound, scope, depth + 1);
      if (bound === null) return undefined;
      if (node.text === "__dirname") return dirPath(scope);
      if (node.text === "__filename") return filePath(scope);
      return undefined;
    }
    case "binary_expression": {
      if (node.childForFieldName("operator")?.text !== "+") return undefined;
      const left = evaluate(node.childForFieldName("left"), scope, depth + 1);
      const right =
        left === undefined ? undefined : evaluate(node.childForFieldName("right"), scope, depth + 1);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    case "call_expression":
      return evaluateCall(node, scope, depth);
    case "member_expression":
      return evaluateMember(node, scope, depth);
    case "new_expression":
      return evaluateNew(node, scope, depth);
    default:
      return undefined;
  }
}

const shorten = (text: string) => {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
};

/** One item of a list-valued option that could not be evaluated. */
export interface UnreadValue {
  line: number;
  text: string;
}

/**
 * The strings of a list-valued option (`setupFiles: […]`, a single string, a constant naming
 * either); both arms of `cond ? a : b`. Items that cannot be evaluated are returned as unread.
 */
export function evaluateList(
  raw: SyntaxNode | null | undefined,
  scope: ModuleScope,
  depth = 0,
): { values: string[]; unread: UnreadValue[] } {
  const node = follow(raw, scope);
  const out = { values: [] as string[], unread: [] as UnreadValue[] };
  if (!node || depth > MAX_DEPTH) return out;
  const items = node.type === "array" ? node.namedChildren : [node];
  for (const item of items) {
    const inner = follow(item, scope);
    if (!inner || inner.type === "comment") continue;
    if (inner.type === "array" || inner.type === "ternary_expression") {
      const branches =
        inner.type === "array"
          ? [inner]
          : [inner.childForFieldName("consequence"), inner.childForFieldName("alternative")];
      for (const branch of branches) {
        const nested = evaluateList(branch, scope, depth + 1);
        out.values.push(...nested.values);
        out.unread.push(...nested.unread);
      }
      continue;
    }
    // `undefined`/`null`/`false` in a list (`isCI && "./x"` aside) add nothing the runner loads.
    if (inner.type === "undefined" || inner.type === "null" || inner.type === "false") continue;
    const line = inner.startPosition.row + 1;
    if (inner.type === "object" || inner.type.includes("function")) {
      out.unread.push({ line, text: inner.type === "object" ? "{…}" : "a function" });
      continue;
    }
    const value = evaluate(inner, scope, depth + 1);
    if (value === undefined) out.unread.push({ line, text: shorten(inner.text) });
    else out.values.push(value);
  }
  return out;
}

/** `/\0repo/a/b` as a path relative to `dir` (`./b`, `../x`); other strings unchanged. */
export function relativeToDir(value: string, dir: string): string {
  if (value !== REPO_ROOT && !value.startsWith(`${REPO_ROOT}/`)) return value;
  const base = dir === "" ? REPO_ROOT : `${REPO_ROOT}/${dir}`;
  const relative = posix.relative(base, value);
  const rel =
    relative === "" ? "." : relative.startsWith("../") || relative === ".." ? relative : `./${relative}`;
  return value.endsWith("/") && !rel.endsWith("/") ? `${rel}/` : rel;
}

/** `/\0repo/a/b` as the repository path `a/b`; undefined for anything else. */
export function repoPathOf(value: string): string | undefined {
  if (value === REPO_ROOT) return "";
  return value.startsWith(`${REPO_ROOT}/`) ? value.slice(REPO_ROOT.length + 1) : undefined;
}
