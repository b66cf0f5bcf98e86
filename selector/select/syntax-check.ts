import type { Diff } from "../diff/types.js";
import { type ExactSyntaxError, isExactlyCheckable, loadExactSyntaxCheck } from "../extract/exact-syntax.js";
import { MAX_PARSED_CHARS } from "../extract/extract-facts.js";
import type { FileFacts } from "../extract/types.js";
import { testsLoading } from "../graph/loaders.js";
import type { ChangeSeed } from "../graph/symbol-reach.js";
import type { DependencyGraph } from "../graph/types.js";
import type { RevisionSource } from "../repo/revision-source.js";
import type { SelectionWarning } from "./types.js";

/** An exact parser's verdict per file it read: undefined where the file parses. */
export type SyntaxVerdicts = ReadonlyMap<string, ExactSyntaxError | undefined>;

/** The facts the verdicts are kept in, and how to keep them: a cached blob is judged once. */
export interface VerdictStore {
  facts: ReadonlyMap<string, FileFacts>;
  remember(path: string, facts: FileFacts): void;
}

/**
 * Asks an exact parser about the files whose syntax matters and tree-sitter cannot be trusted on:
 * the changed files at head (tree-sitter accepts some code no runner loads, `void (a) => a`), and
 * the files tests load that tree-sitter could not read (`unreadable`), where its grammar may be
 * the one at fault. A verdict is kept in the file's facts, so the parser loads only for blobs no
 * run has judged yet; clean unchanged files are never read.
 */
export async function checkSyntax(
  diff: Diff,
  head: RevisionSource,
  unreadable: readonly string[],
  store: VerdictStore,
): Promise<SyntaxVerdicts> {
  const changed = diff.files
    .filter((c) => c.status !== "deleted" && !c.binary && isExactlyCheckable(c.path))
    .map((c) => c.path);
  const paths = [...new Set([...changed, ...unreadable.filter(isExactlyCheckable)])];
  const verdicts = new Map<string, ExactSyntaxError | undefined>();
  const unjudged: string[] = [];
  for (const path of paths) {
    const known = store.facts.get(path)?.exactSyntax;
    if (known === undefined) unjudged.push(path);
    else verdicts.set(path, known ?? undefined);
  }
  if (unjudged.length === 0) return verdicts;
  const [check, texts] = await Promise.all([loadExactSyntaxCheck(), head.read(unjudged)]);
  for (const path of unjudged) {
    const text = texts.get(path)?.toString("utf8");
    // Too big for tree-sitter too: read whole already, with its own warning.
    if (text === undefined || text.length > MAX_PARSED_CHARS) continue;
    const verdict = check(path, text);
    verdicts.set(path, verdict);
    const facts = store.facts.get(path);
    if (facts) {
      facts.exactSyntax = verdict ?? null;
      store.remember(path, facts);
    }
  }
  return verdicts;
}

const brokenOf = (verdicts: SyntaxVerdicts) =>
  [...verdicts].filter((entry): entry is [string, ExactSyntaxError] => entry[1] !== undefined);

/**
 * A changed file that does not parse fails to load: all of it counts as changed top-level code,
 * whatever lines the diff names and whatever tree-sitter made of them.
 */
export function unparsableSeeds(seeds: readonly ChangeSeed[], verdicts: SyntaxVerdicts): ChangeSeed[] {
  return seeds.map((seed) =>
    verdicts.get(seed.path) === undefined
      ? seed
      : { path: seed.path, fileLevel: true, evaluates: true, locals: [], exports: [] },
  );
}

/** The reason a test is kept when a file it loads does not parse. */
export function loadFailureReason(path: string, error: ExactSyntaxError): string {
  return `${path} does not parse (line ${error.line}: ${error.message}): every test that loads it fails`;
}

/**
 * Keeps every test that loads a changed file that does not parse, through any names or none:
 * the runner's transform fails on load, so coverage and models cannot clear them either.
 */
export function forceLoadFailures(
  forced: Map<string, string[]>,
  graph: DependencyGraph,
  diff: Diff,
  verdicts: SyntaxVerdicts,
  typeChecked: (test: string) => boolean,
): void {
  const changed = new Set(diff.files.map((c) => c.path));
  for (const [path, error] of brokenOf(verdicts)) {
    if (!changed.has(path)) continue;
    const reason = loadFailureReason(path, error);
    for (const test of testsLoading(graph, path, typeChecked)) {
      const reasons = forced.get(test) ?? [];
      if (!reasons.includes(reason)) reasons.push(reason);
      forced.set(test, reasons);
    }
  }
}

/**
 * What the user can fix: a file that does not parse, named with the line of its first error.
 * Files tree-sitter misread but an exact parser reads are not among them: nothing to fix there.
 */
export function syntaxWarnings(verdicts: SyntaxVerdicts, diff: Diff): SelectionWarning[] {
  const changed = new Set(diff.files.map((c) => c.path));
  return brokenOf(verdicts).map(([path, error]) => ({
    code: "SYNTAX_ERROR",
    message: changed.has(path)
      ? `does not parse: ${error.message} (column ${error.column}); every test that loads it is kept`
      : `does not parse: ${error.message} (column ${error.column}); the tests that load it fail whatever the change, and its imports were taken from what parsed`,
    file: path,
    line: error.line,
  }));
}
