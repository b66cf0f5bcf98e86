import type { FileChange, LineRange } from "../diff/types.js";
import type { FileFacts, ImportRecord } from "../extract/types.js";
import { isTypeDeclaration } from "./local-closure.js";
import { type ChangeSeed, DATA_FILE, isOpaque } from "./symbol-reach.js";

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
}

/** An import's lines run from its own line to the line before the next top-level item. */
function importSpans(facts: FileFacts): { record: ImportRecord; range: LineRange }[] {
  const starts = [
    ...facts.imports.map((r) => r.line),
    ...facts.declarations.map((d) => d.range.start),
    ...facts.statements.map((s) => s.range.start),
    ...facts.localExports.map((e) => e.line),
  ].sort((a, b) => a - b);
  return facts.imports.map((record) => {
    const next = starts.find((line) => line > record.line);
    return { record, range: { start: record.line, end: next === undefined ? record.line : next - 1 } };
  });
}

function touch(facts: FileFacts, ranges: readonly LineRange[], into: Touched): void {
  if (facts.syntaxErrors > 0 || facts.note !== undefined) {
    // What tree-sitter could not parse may hold code no declaration covers.
    into.fileLevel = into.evaluates = true;
    return;
  }
  const spans = importSpans(facts);
  for (const range of ranges) {
    for (const declaration of facts.declarations) {
      if (!overlaps(range, declaration.range)) continue;
      if (declaration.runsOnLoad) into.evaluates = true;
      const runs = !isTypeDeclaration(declaration);
      for (const name of declaration.names) {
        into.locals.add(name);
        if (runs) into.runtimeLocals.add(name);
      }
      for (const name of declaration.exportedAs) {
        into.exports.add(name);
        if (runs) into.runtimeExports.add(name);
      }
    }
    if (facts.statements.some((statement) => overlaps(range, statement.range))) {
      into.fileLevel = into.evaluates = true;
    }
    for (const local of facts.localExports) {
      if (local.line >= range.start && local.line <= range.end) {
        into.exports.add(local.exported);
        into.runtimeExports.add(local.exported);
      }
    }
    for (const { record, range: span } of spans) {
      if (!overlaps(range, span)) continue;
      if (record.kind === "side-effect" || record.kind === "reexport-all") into.fileLevel = true;
      // `export { a as b } from "x"` names what it changes: the names it exports.
      for (const { exported } of record.kind === "reexport" ? (record.reexports ?? []) : []) {
        into.exports.add(exported);
        if (!record.typeOnly) into.runtimeExports.add(exported);
      }
      // A module imported for its effects changes what loading this file runs.
      if (record.kind === "side-effect") into.evaluates = true;
      const bound = [...(record.locals ?? []), ...(record.namespaceLocal ? [record.namespaceLocal] : [])];
      for (const local of bound) {
        into.locals.add(local);
        if (!record.typeOnly) into.runtimeLocals.add(local);
      }
      if (record.names === "*" && !record.namespaceLocal) into.fileLevel = true;
    }
  }
}

/**
 * Maps a file's changed lines to what they touch: the top-level declarations containing them
 * (at head for added lines, at base for removed ones, so a deleted export still counts), or the
 * whole file when a change lies in a top-level statement or the file cannot be read by symbol.
 */
export function changeSeeds(change: FileChange, head?: FileFacts, base?: FileFacts): ChangeSeed[] {
  const whole = (path: string, facts?: FileFacts): ChangeSeed => ({
    path,
    fileLevel: true,
    locals: [],
    exports: [],
    evaluates: !DATA_FILE.test(path) && runsOnLoad(facts),
  });
  if (change.status !== "modified" || change.binary) {
    if (change.binary) return [whole(change.path)];
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
  };
  touch(head, change.headRanges, touched);
  if (base && change.baseRanges.length > 0) touch(base, change.baseRanges, touched);
  return [
    {
      path: change.path,
      fileLevel: touched.fileLevel,
      evaluates: touched.evaluates,
      locals: [...touched.locals],
      exports: [...touched.exports],
      runtime: { locals: [...touched.runtimeLocals], exports: [...touched.runtimeExports] },
    },
  ];
}
