import { posix } from "node:path";
import { languageFor } from "../extract/parser.js";
import { runsTarget } from "../graph/symbol-reach.js";
import type { DependencyGraph, GraphNode, UnresolvedImport } from "../graph/types.js";
import type { RevisionSource } from "../repo/revision-source.js";
import type { SelectionWarning } from "./types.js";

/**
 * Files read with `fs` through a path nothing static tells (`readFileSync(file)` in a helper that
 * is handed the path). Such a read can name a changed file that no import or static read reaches:
 * a fixture, a data file, a module read as text. The path is handed in by code that names the file
 * somewhere: its name (`"expected.txt"`) or its folder's (`"fixtures"`, a folder that is listed).
 * So a test that loads such a read is kept when it, or a file it loads, mentions a changed file
 * no edge reaches; the warning names the read and the mention. A file whose name is built from
 * pieces no source spells is the form this cannot see (docs/decisions.md).
 */

interface UnknownRead {
  node: GraphNode;
  item: UnresolvedImport;
}

/** A changed file only a run-time read can reach: not code, or a module nothing imports (a test is run, not read). */
function readOnly(graph: DependencyGraph, path: string): boolean {
  if (languageFor(path) === undefined) return true;
  const node = graph.nodes.get(path);
  return !node || (!node.isTest && node.importers.length === 0);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A changed file's name, or its folder's name as a path piece (`"fixtures"`, `/cases/`), in source text. */
function mentionOf(path: string): RegExp {
  const name = posix.basename(path);
  const folder = posix.basename(posix.dirname(path));
  const names = [escape(name)];
  if (folder !== "." && folder !== "") names.push(`(?<=["'\`/])${escape(folder)}(?=["'\`/])`);
  return new RegExp(names.join("|"));
}

/** Where a test's code is: the test and every file it loads (that code builds the paths it reads). */
function loadedBy(graph: DependencyGraph, test: string): Set<string> {
  const seen = new Set([test]);
  const stack = [test];
  while (stack.length > 0) {
    for (const edge of graph.nodes.get(stack.pop()!)?.imports ?? []) {
      if (!runsTarget(edge) || seen.has(edge.to)) continue;
      seen.add(edge.to);
      stack.push(edge.to);
    }
  }
  return seen;
}

/** Tests that load `start` when they run. */
function testsLoading(graph: DependencyGraph, start: string): string[] {
  const seen = new Set([start]);
  const stack = [start];
  const tests: string[] = [];
  while (stack.length > 0) {
    const node = graph.nodes.get(stack.pop()!)!;
    if (node.isTest && !node.deleted) tests.push(node.path);
    for (const edge of node.importers) {
      if (!runsTarget(edge) || seen.has(edge.from)) continue;
      seen.add(edge.from);
      stack.push(edge.from);
    }
  }
  return tests;
}

function unknownReads(graph: DependencyGraph): UnknownRead[] {
  const reads: UnknownRead[] = [];
  for (const node of graph.nodes.values()) {
    if (node.deleted) continue;
    for (const item of node.unresolved) if (item.read) reads.push({ node, item });
  }
  return reads;
}

/** The first line of `text` that matches, 1-based. */
function lineMatching(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split("\n").length : undefined;
}

export interface ComputedReadsInput {
  graph: DependencyGraph;
  changedPaths: readonly string[];
  head: RevisionSource;
  forced: Map<string, string[]>;
  warnings: SelectionWarning[];
}

export async function computedReadKeeps(input: ComputedReadsInput): Promise<void> {
  const { graph, forced, warnings } = input;
  const changed = input.changedPaths.filter((path) => readOnly(graph, path));
  if (changed.length === 0) return;
  const reads = unknownReads(graph);
  if (reads.length === 0) return;
  const readersOf = new Map(reads.map((read) => [read, testsLoading(graph, read.node.path)]));
  const tests = new Set([...readersOf.values()].flat());
  const code = new Map<string, Set<string>>();
  for (const test of tests) code.set(test, loadedBy(graph, test));
  const sources = await input.head.read(
    [...new Set([...code.values()].flatMap((files) => [...files]))].filter((p) => languageFor(p)),
  );
  const texts = new Map([...sources].map(([path, content]) => [path, content.toString("utf8")]));
  const keptBy = new Map<UnknownRead, { tests: Set<string>; path: string }>();
  for (const path of changed) {
    const pattern = mentionOf(path);
    const mentions = new Map<string, number>();
    for (const [file, text] of texts) {
      const line = lineMatching(text, pattern);
      if (line !== undefined) mentions.set(file, line);
    }
    if (mentions.size === 0) continue;
    for (const [read, readers] of readersOf) {
      const where = `${read.node.path}:${read.item.line}`;
      for (const test of readers) {
        const mention = [...code.get(test)!].find((file) => mentions.has(file));
        if (mention === undefined) continue;
        const kept = keptBy.get(read) ?? { tests: new Set<string>(), path };
        kept.tests.add(test);
        keptBy.set(read, kept);
        const reasons = forced.get(test) ?? [];
        reasons.push(
          `loads ${where}, which reads a path built at run time (\`${read.item.specifier}\`), and ${mention}:${mentions.get(mention)} names ${path}: it may read it`,
        );
        forced.set(test, reasons);
      }
    }
  }
  for (const [read, { tests: kept, path }] of keptBy) {
    warnings.push({
      code: "COMPUTED_READ",
      message: `the path read here (\`${read.item.specifier}\`) is built at run time: the ${kept.size} test(s) that load this file and name a changed file no import reaches (${path}) are kept`,
      file: read.node.path,
      line: read.item.line,
    });
  }
}
