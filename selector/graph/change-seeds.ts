import type { FileChange, LineRange } from "../diff/types.js";
import type { CodeOf } from "../extract/code-text.js";
import { isDirectiveComment } from "../extract/directive-comments.js";
import { isNestedLoad } from "../extract/dynamic-bindings.js";
import type { Declaration, FileFacts, ImportRecord, TopLevelStatement } from "../extract/types.js";
import { isTypeDeclaration } from "./local-closure.js";
import { type ChangeSeed, DATA_FILE, isOpaque } from "./symbol-reach.js";
import { unchangedItems } from "./unchanged-code.js";

/** Whether loading the file runs code beyond defining its declarations; unknown counts as yes. */
function runsOnLoad(facts: FileFacts | undefined): boolean {
  return !facts || facts.syntaxErrors > 0 || facts.statements.length > 0;
}

const overlaps = (a: LineRange, b: LineRange) => a.start <= b.end && b.start <= a.end;

interface Touched {
  fileLevel: boolean;
  evaluates: boolean;
  locals: Set<string>;
  exports: Set<string>;
  /** What of that can change what runs: not type aliases, interfaces or `import type` lines. */
  runtimeLocals: Set<string>;
  runtimeExports: Set<string>;
  /** Head lines of `export * from` statements the edit added (resolved against the graph later). */
  starLines: Set<number>;
}

/** An import's lines run from its own line to the line before the next top-level item. */
function importSpans(facts: FileFacts): { record: ImportRecord; range: LineRange }[] {
  const starts = [
    ...facts.imports.map((r) => r.line),
    ...facts.declarations.map((d) => d.range.start),
    ...facts.statements.map((s) => s.range.start),
    ...facts.localExports.map((e) => e.line),
  ].sort((a, b) => a - b);
  // A module loaded inside a declaration or statement is part of that code: its edit touches them.
  return facts.imports
    .filter((record) => !isNestedLoad(record))
    .map((record) => {
      const next = starts.find((line) => line > record.line);
      return { record, range: { start: record.line, end: next === undefined ? record.line : next - 1 } };
    });
}

/** One name an import or re-export binds, as text: the same on both sides means the edit left it. */
interface Binding {
  /** The local it binds, or for `export { a as b } from` the name it exports. */
  name: string;
  exported: boolean;
  key: string;
}

function bindingsOf(record: ImportRecord): Binding[] {
  const at = `${record.kind}\0${record.specifier}\0${record.typeOnly}`;
  if (record.kind === "reexport") {
    return (record.reexports ?? []).map(({ exported, imported }) => ({
      name: exported,
      exported: true,
      key: `${at}\0${imported}\0${exported}`,
    }));
  }
  if (record.reexportNamespace) {
    return [{ name: record.reexportNamespace, exported: true, key: `${at}\0*\0${record.reexportNamespace}` }];
  }
  const bindings: Binding[] = [];
  if (record.names !== "*") {
    record.names.forEach((name, i) => {
      const local = record.locals?.[i];
      if (local !== undefined)
        bindings.push({ name: local, exported: false, key: `${at}\0${name}\0${local}` });
    });
  }
  if (record.namespaceLocal) {
    bindings.push({
      name: record.namespaceLocal,
      exported: false,
      key: `${at}\0*\0${record.namespaceLocal}`,
    });
  }
  return bindings;
}

/** `export * from "x"` binds whatever x exports: one key for the line, the same on both sides when kept. */
function isPlainStar(record: ImportRecord): boolean {
  return record.kind === "reexport-all" && !record.reexportNamespace;
}

function starKey(record: ImportRecord): string {
  return `${record.kind}\0${record.specifier}\0${record.typeOnly}\0*`;
}

function keysOf(record: ImportRecord): string[] {
  return isPlainStar(record) ? [starKey(record)] : bindingsOf(record).map((b) => b.key);
}

/** Bindings present, unchanged, at both sides of the change: `import { a, b }` gaining `c` touches `c`. */
function keptBindings(head: FileFacts, base: FileFacts | undefined): Set<string> {
  if (!base) return new Set();
  const before = new Set(base.imports.flatMap(keysOf));
  return new Set(head.imports.flatMap(keysOf).filter((k) => before.has(k)));
}

/** What an edit left as it was: import bindings, and declarations and statements whose code is the same. */
interface Kept {
  bindings: Set<string>;
  items: Set<Declaration | TopLevelStatement>;
  /** Declarations whose code is the same once types are erased: the edit changed types alone. */
  runtimeItems: Set<Declaration | TopLevelStatement>;
}

/** A compiler directive on a line of `range` that no declaration or statement holds. */
function directiveBetween(facts: FileFacts, range: LineRange, code: CodeOf): boolean {
  const items = [...facts.declarations, ...facts.statements];
  for (let line = range.start; line <= range.end; line++) {
    const at = { start: line, end: line };
    if (items.some((item) => overlaps(at, item.range))) continue;
    if (isDirectiveComment(code(at))) return true;
  }
  return false;
}

function touch(
  facts: FileFacts,
  ranges: readonly LineRange[],
  into: Touched,
  kept: Kept,
  side: "head" | "base",
  code?: CodeOf,
): void {
  if (facts.syntaxErrors > 0 || facts.note !== undefined) {
    // What tree-sitter could not parse may hold code no declaration covers.
    into.fileLevel = into.evaluates = true;
    return;
  }
  const spans = importSpans(facts);
  for (const range of ranges) {
    for (const declaration of facts.declarations) {
      if (!overlaps(range, declaration.range) || kept.items.has(declaration)) continue;
      // Types alone changed (`): void` to `): number`): what a type checker reads, not what runs.
      const typesOnly = kept.runtimeItems.has(declaration);
      if (declaration.runsOnLoad && !typesOnly) into.evaluates = true;
      const runs = !isTypeDeclaration(declaration) && !typesOnly;
      for (const name of declaration.names) {
        into.locals.add(name);
        if (runs) into.runtimeLocals.add(name);
      }
      for (const name of declaration.exportedAs) {
        into.exports.add(name);
        if (runs) into.runtimeExports.add(name);
      }
    }
    if (
      facts.statements.some((statement) => overlaps(range, statement.range) && !kept.items.has(statement))
    ) {
      into.fileLevel = into.evaluates = true;
    }
    // `// @ts-nocheck`, `/// <reference … />` or a JSX pragma between declarations speaks for the
    // whole file: every name of it may type-check or compile differently.
    if (code && directiveBetween(facts, range, code)) into.fileLevel = true;
    for (const local of facts.localExports) {
      if (local.line >= range.start && local.line <= range.end) {
        into.exports.add(local.exported);
        into.runtimeExports.add(local.exported);
      }
    }
    for (const { record, range: span } of spans) {
      if (!overlaps(range, span)) continue;
      if (record.kind === "reexport-all" && !keysOf(record).every((key) => kept.bindings.has(key))) {
        // An added line loads its target and hands out its names (star-seeds.ts); a removed plain
        // one takes away names that only the base knows, so all the file exports counts.
        if (side === "head") into.starLines.add(record.line);
        else if (isPlainStar(record)) into.fileLevel = true;
      }
      if (isPlainStar(record)) continue;
      // A module imported for its effects changes what loading this file runs.
      if (record.kind === "side-effect") into.fileLevel = into.evaluates = true;
      // What the edited lines bind differently: a name added, dropped, renamed or taken from
      // elsewhere. `export { a as b } from "x"` binds the names it exports.
      for (const binding of bindingsOf(record)) {
        if (kept.bindings.has(binding.key)) continue;
        (binding.exported ? into.exports : into.locals).add(binding.name);
        if (!record.typeOnly) (binding.exported ? into.runtimeExports : into.runtimeLocals).add(binding.name);
      }
      if (record.names === "*" && !record.namespaceLocal && !record.reexportNamespace) into.fileLevel = true;
    }
  }
}

/**
 * Maps a file's changed lines to what they touch: the top-level declarations containing them
 * (at head for added lines, at base for removed ones, so a deleted export still counts), or the
 * whole file when a change lies in a top-level statement or the file cannot be read by symbol.
 * With both sides' `code`, declarations and statements whose code an edit left alone (comments,
 * layout) are not touched; with `code.runtime` (types erased), a declaration whose edit changed
 * types alone is touched for the type checker only: not in `runtime`, and loading runs nothing new.
 */
export function changeSeeds(
  change: FileChange,
  head?: FileFacts,
  base?: FileFacts,
  code?: { head: CodeOf; base: CodeOf; runtime?: { head: CodeOf; base: CodeOf } },
): ChangeSeed[] {
  const whole = (path: string, facts?: FileFacts): ChangeSeed => ({
    path,
    fileLevel: true,
    locals: [],
    exports: [],
    evaluates: !DATA_FILE.test(path) && runsOnLoad(facts),
  });
  // A mode change (the executable bit) changes how the file runs as a program, not a line of it.
  if (change.status !== "modified" || change.binary || change.modeChanged) {
    if (change.binary || change.modeChanged) return [whole(change.path)];
    const seeds = [whole(change.path, change.status === "deleted" ? base : head)];
    if (change.status === "renamed" && change.oldPath) seeds.push(whole(change.oldPath, base));
    return seeds;
  }
  // Lines of a file read without declarations (a component's markup, a file too big to parse)
  // belong to no declaration, yet are part of what the file exports and runs.
  if (!head || (change.baseRanges.length > 0 && !base) || isOpaque(change.path, head)) {
    return [whole(change.path)];
  }
  const touched: Touched = {
    fileLevel: false,
    evaluates: false,
    locals: new Set(),
    exports: new Set(),
    runtimeLocals: new Set(),
    runtimeExports: new Set(),
    starLines: new Set(),
  };
  const kept: Kept = {
    bindings: keptBindings(head, base),
    items: base && code ? unchangedItems(head, base, code.head, code.base) : new Set(),
    runtimeItems:
      base && code?.runtime ? unchangedItems(head, base, code.runtime.head, code.runtime.base) : new Set(),
  };
  touch(head, change.headRanges, touched, kept, "head", code?.head);
  if (base && change.baseRanges.length > 0) touch(base, change.baseRanges, touched, kept, "base", code?.base);
  return [
    {
      path: change.path,
      fileLevel: touched.fileLevel,
      evaluates: touched.evaluates,
      locals: [...touched.locals],
      exports: [...touched.exports],
      runtime: { locals: [...touched.runtimeLocals], exports: [...touched.runtimeExports] },
      ...(touched.starLines.size > 0 ? { starLines: [...touched.starLines] } : {}),
    },
  ];
}
