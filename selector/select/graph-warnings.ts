import type { DependencyGraph } from "../graph/types.js";
import type { SelectionWarning } from "./types.js";

/** Enough to act on without drowning the output; the count of the rest is always given. */
const MAX_PER_CODE = 50;

/** Every file some test depends on, the tests included: walked along imports from the tests. */
export function testDependencies(graph: DependencyGraph): Set<string> {
  const seen = new Set<string>();
  const stack = [...graph.nodes.values()].filter((n) => n.isTest && !n.deleted).map((n) => n.path);
  while (stack.length > 0) {
    const path = stack.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const edge of graph.nodes.get(path)?.imports ?? []) if (!seen.has(edge.to)) stack.push(edge.to);
  }
  return seen;
}

/** Files tests depend on that tree-sitter could only partly parse: what an exact parser should judge. */
export function unreadableInTests(graph: DependencyGraph, relevant = lazyDependencies(graph)): string[] {
  const paths: string[] = [];
  for (const node of graph.nodes.values()) {
    if (node.facts?.syntaxErrors && !node.deleted && relevant().has(node.path)) paths.push(node.path);
  }
  return paths;
}

/** The walk over every test's imports, done once and only when a suspect needs it. */
export function lazyDependencies(graph: DependencyGraph): () => Set<string> {
  let walked: Set<string> | undefined;
  return () => {
    walked ??= testDependencies(graph);
    return walked;
  };
}

/**
 * What the graph could not see: unresolved imports (their importers' tests are kept) and files
 * tree-sitter could only partly parse, in the files tests depend on. Each one is a place where a dependency may be
 * missing; in a file no test reaches, a missing edge cannot hide a test, so it is not reported.
 * Files an exact parser judged (`judged`) are left to its verdict: a grammar gap of tree-sitter's
 * is nothing the user can fix, and a real syntax error is reported with its line (syntax-check.ts).
 */
export function graphWarnings(
  graph: DependencyGraph,
  judged: ReadonlySet<string> = new Set(),
  relevant = lazyDependencies(graph),
): SelectionWarning[] {
  const unresolved: SelectionWarning[] = [];
  const syntax: SelectionWarning[] = [];
  const suspects = [...graph.nodes.values()].filter(
    (node) =>
      (node.facts?.syntaxErrors && !judged.has(node.path)) ||
      node.facts?.note ||
      node.unresolved.some((item) => !item.computed),
  );
  // The walk over every test's imports costs as much as the selection; most repositories need none.
  if (suspects.length === 0) return [];
  for (const node of suspects) {
    if (!relevant().has(node.path)) continue;
    for (const item of node.unresolved) {
      // A path built at run time has its own warning, given only when the change holds a file it could load.
      if (item.computed) continue;
      unresolved.push({
        code: "UNRESOLVED_IMPORT",
        message: `cannot resolve "${item.specifier}": ${item.reason}`,
        file: node.path,
        line: item.line,
      });
    }
    const facts = node.facts;
    if (facts && ((facts.syntaxErrors > 0 && !judged.has(node.path)) || facts.note)) {
      const what = facts.note ?? `${facts.syntaxErrors} syntax error(s); imports were taken from what parsed`;
      syntax.push({ code: facts.note ? "NOT_PARSED" : "SYNTAX_ERROR", message: what, file: node.path });
    }
  }
  return [...cap(unresolved), ...cap(syntax)];
}

function cap(warnings: SelectionWarning[]): SelectionWarning[] {
  if (warnings.length <= MAX_PER_CODE) return warnings;
  const first = warnings[0]!;
  return [
    ...warnings.slice(0, MAX_PER_CODE),
    { code: first.code, message: `and ${warnings.length - MAX_PER_CODE} more like the above` },
  ];
}
