import { posix } from "node:path";
import { literalValue, type SyntaxNode } from "./syntax.js";

/** What a config module binds at any depth: its constants and its imports of path helpers. */
export interface ModuleScope {
  /** Directory of the config, repository-relative ("" for the root). */
  dir: string;
  /** The config's own path, repository-relative. */
  file: string;
  /** `const x = …` initialisers by name; null when a name is bound more than once. */
  consts: Map<string, SyntaxNode | null>;
  /**
   * Imported locals: `path` -> "path#*", `resolve` -> "path#resolve", `fileURLToPath` ->
   * "url#fileURLToPath"; `fs`, `fs/promises` ("fsp"), `os`, `child_process` ("cp"), `worker_threads`
   * ("wt"), `execa` and the glob libraries ("glob") the same way.
   */
  imports: Map<string, string>;
  /** What `process.cwd()` is: the config's own folder unless set (a test runs in the repository root). */
  cwd?: string;
  /** Parameters of a local function being evaluated, bound to the values it was called with. */
  bound?: ReadonlyMap<string, string>;
}

/** Modules whose functions compute paths as `node:path` does (pathe and upath are drop-ins). */
const PATH_MODULES = new Set(["path", "node:path", "path/posix", "node:path/posix", "pathe", "upath"]);
const URL_MODULES = new Set(["url", "node:url"]);
/** Modules that read files by path (fs-extra and graceful-fs are drop-ins): `fs-reads.ts`. */
const FS_MODULES = new Set(["fs", "node:fs", "fs-extra", "graceful-fs"]);
const FS_PROMISE_MODULES = new Set(["fs/promises", "node:fs/promises"]);
const OS_MODULES = new Set(["os", "node:os"]);
/** Modules that list files by glob pattern: `glob-reads.ts`. */
const GLOB_MODULES = new Set(["fast-glob", "glob", "tinyglobby", "globby"]);
/** Modules that run a program or a module apart from the caller's: `spawned-scripts.ts`. */
const PROCESS_MODULES = new Map<string, ModuleKind>([
  ["child_process", "cp"],
  ["node:child_process", "cp"],
  ["worker_threads", "wt"],
  ["node:worker_threads", "wt"],
  ["execa", "execa"],
]);

type ModuleKind = "path" | "url" | "fs" | "fsp" | "os" | "cp" | "wt" | "execa" | "glob";

function moduleKind(source: string): ModuleKind | undefined {
  if (PATH_MODULES.has(source)) return "path";
  if (URL_MODULES.has(source)) return "url";
  if (FS_MODULES.has(source)) return "fs";
  if (FS_PROMISE_MODULES.has(source)) return "fsp";
  if (OS_MODULES.has(source)) return "os";
  if (GLOB_MODULES.has(source)) return "glob";
  return PROCESS_MODULES.get(source);
}

function bindImport(statement: SyntaxNode, imports: Map<string, string>): void {
  const kind = moduleKind(literalValue(statement.childForFieldName("source")) ?? "");
  const clause = statement.namedChildren.find((c) => c.type === "import_clause");
  if (!kind || !clause) return;
  for (const part of clause.namedChildren) {
    if (part.type === "identifier") imports.set(part.text, `${kind}#*`);
    else if (part.type === "namespace_import") {
      const local = part.namedChildren.find((c) => c.type === "identifier");
      if (local) imports.set(local.text, `${kind}#*`);
    } else if (part.type === "named_imports") {
      for (const spec of part.namedChildren) {
        const name = spec.childForFieldName("name")?.text;
        const alias = spec.childForFieldName("alias")?.text ?? name;
        if (name && alias) imports.set(alias, `${kind}#${name}`);
      }
    }
  }
}

/** `const path = require("node:path")`, `const { join } = require("path")`. */
function bindRequire(declarator: SyntaxNode, imports: Map<string, string>): boolean {
  const value = unwrap(declarator.childForFieldName("value"));
  if (value?.type !== "call_expression" || value.childForFieldName("function")?.text !== "require")
    return false;
  const argument = value.childForFieldName("arguments")?.namedChildren[0];
  const kind = moduleKind(literalValue(argument) ?? "");
  const name = declarator.childForFieldName("name");
  if (!kind || !name) return false;
  if (name.type === "identifier") imports.set(name.text, `${kind}#*`);
  else if (name.type === "object_pattern") {
    for (const item of name.namedChildren) {
      if (item.type === "shorthand_property_identifier_pattern")
        imports.set(item.text, `${kind}#${item.text}`);
      else if (item.type === "pair_pattern") {
        const key = item.childForFieldName("key")?.text;
        const local = item.childForFieldName("value");
        if (key && local?.type === "identifier") imports.set(local.text, `${kind}#${key}`);
      }
    }
  }
  return true;
}

/** The scope of a config module: every declaration in it, whatever function it sits in. */
export function moduleScope(root: SyntaxNode, file: string): ModuleScope {
  const scope: ModuleScope = {
    dir: posix.dirname(file) === "." ? "" : posix.dirname(file),
    file,
    consts: new Map(),
    imports: new Map(),
  };
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "import_statement") bindImport(node, scope.imports);
    else if (node.type === "function_declaration") {
      // `function workspaceSrc(dir) { return path.resolve(root, dir) }`: called like a constant is read.
      const name = node.childForFieldName("name")?.text;
      if (name) scope.consts.set(name, scope.consts.has(name) ? null : node);
    } else if (node.type === "variable_declarator" && !bindRequire(node, scope.imports)) {
      const name = node.childForFieldName("name");
      const value = node.childForFieldName("value");
      if (name?.type === "identifier" && value) {
        scope.consts.set(name.text, scope.consts.has(name.text) ? null : value);
      }
    }
    for (const child of node.namedChildren) stack.push(child);
  }
  return scope;
}

/** Parentheses and type assertions around a value: `(x)`, `x as T`, `x satisfies T`, `x!`. */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = node ?? undefined;
  while (
    current &&
    (current.type === "parenthesized_expression" ||
      current.type === "as_expression" ||
      current.type === "satisfies_expression" ||
      current.type === "non_null_expression")
  ) {
    current = current.namedChildren[0];
  }
  return current;
}

/** A value node with identifiers followed to the constant they name (`alias: aliases`). */
export function follow(node: SyntaxNode | null | undefined, scope: ModuleScope): SyntaxNode | undefined {
  let current = unwrap(node);
  for (let depth = 0; current?.type === "identifier" && depth < 12; depth++) {
    const bound = scope.consts.get(current.text);
    if (!bound) return current;
    current = unwrap(bound);
  }
  return current;
}
