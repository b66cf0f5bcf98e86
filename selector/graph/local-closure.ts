import type { Declaration, FileFacts } from "../extract/types.js";

export interface LocalEffect {
  /** A top-level statement uses an affected name, so importing the file runs affected code. */
  fileLevel: boolean;
  /** An affected declaration runs code as the module loads (`const x = make(…)`). */
  evaluates?: boolean;
  /** Affected local names, closed over declarations that reference them. */
  locals: Set<string>;
  /** Exported names whose value is affected. */
  exports: Set<string>;
}

interface FileIndex {
  /** Declarations that reference a name. */
  referencedBy: Map<string, Declaration[]>;
  /** The declaration that binds a name. */
  declaring: Map<string, Declaration>;
  /** Names some top-level statement references. */
  usedByStatements: Set<string>;
  /** Names bound by declarations that run code as the module loads. */
  boundOnLoad: Set<string>;
  /** Exported names of `export { local as exported }`, by local. */
  exportedAs: Map<string, string[]>;
  /** Names bound only by type aliases and interfaces (`const X` beside `type X` is a value too). */
  typeOnly: Set<string>;
}

/** One index for everything a type checker reads, one for what runs. */
const indexes = { all: new WeakMap<FileFacts, FileIndex>(), runtime: new WeakMap<FileFacts, FileIndex>() };

/** Names a declaration or statement refers to: at run time, its code; otherwise its types too. */
function referencesOf(item: { references: string[]; typeReferences?: string[] }, runtime: boolean): string[] {
  return runtime || !item.typeReferences ? item.references : [...item.references, ...item.typeReferences];
}

/** `ns.member` also references `ns`: a changed import line affects every member's readers. */
function namespaceOf(name: string): string | undefined {
  const dot = name.indexOf(".");
  return dot > 0 ? name.slice(0, dot) : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexOf(facts: FileFacts, runtime: boolean): FileIndex {
  const cache = runtime ? indexes.runtime : indexes.all;
  let index = cache.get(facts);
  if (index) return index;
  index = {
    referencedBy: new Map(),
    declaring: new Map(),
    usedByStatements: new Set(),
    boundOnLoad: new Set(),
    exportedAs: new Map(),
    typeOnly: new Set(),
  };
  const values = new Set<string>();
  for (const declaration of facts.declarations) {
    // At run time a type alias or an interface is erased: nothing it names spreads through it.
    const refs = runtime && isTypeDeclaration(declaration) ? [] : referencesOf(declaration, runtime);
    for (const name of refs) {
      push(index.referencedBy, name, declaration);
      const namespace = namespaceOf(name);
      if (namespace) push(index.referencedBy, namespace, declaration);
    }
    if (declaration.runsOnLoad) for (const name of declaration.names) index.boundOnLoad.add(name);
    for (const name of declaration.names) {
      index.declaring.set(name, declaration);
      if (isTypeDeclaration(declaration)) index.typeOnly.add(name);
      else values.add(name);
    }
  }
  for (const name of values) index.typeOnly.delete(name);
  for (const statement of facts.statements) {
    for (const name of referencesOf(statement, runtime)) {
      index.usedByStatements.add(name);
      const namespace = namespaceOf(name);
      if (namespace) index.usedByStatements.add(namespace);
    }
  }
  for (const local of facts.localExports)
    if (local.local !== undefined) push(index.exportedAs, local.local, local.exported);
  cache.set(facts, index);
  return index;
}

/** A type alias or interface: it shapes type checking only, never what runs. */
export function isTypeDeclaration(declaration: Declaration | undefined): boolean {
  return declaration !== undefined && (declaration.kind === "type" || declaration.kind === "interface");
}

/**
 * Spreads affected names inside one file: a declaration that references an affected name is
 * affected too, until nothing changes. Incremental: pass the effect of an earlier call to grow it
 * with new names; each name is visited once, through an index built once per file.
 */
export function closeOverFile(
  facts: FileFacts,
  seed: Iterable<string>,
  previous?: LocalEffect,
  runtimeOnly = false,
): LocalEffect {
  const index = indexOf(facts, runtimeOnly);
  const effect: LocalEffect = previous ?? { fileLevel: false, locals: new Set(), exports: new Set() };
  const queue: string[] = [];
  const add = (name: string) => {
    if (effect.locals.has(name)) return;
    // At run time a type is erased: what references it only changes its types.
    if (runtimeOnly && index.typeOnly.has(name)) return;
    effect.locals.add(name);
    queue.push(name);
  };
  for (const name of seed) add(name);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (index.usedByStatements.has(name)) effect.fileLevel = true;
    if (index.boundOnLoad.has(name)) effect.evaluates = true;
    for (const exported of index.declaring.get(name)?.exportedAs ?? []) effect.exports.add(exported);
    for (const exported of index.exportedAs.get(name) ?? []) effect.exports.add(exported);
    for (const declaration of index.referencedBy.get(name) ?? [])
      for (const bound of declaration.names) add(bound);
  }
  return effect;
}
