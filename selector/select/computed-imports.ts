import { languageFor } from "../extract/parser.js";
import { testsLoading } from "../graph/tests-loading.js";
import type { DependencyGraph, GraphNode, UnresolvedImport } from "../graph/types.js";
import type { SelectionWarning } from "./types.js";

/** What a module loader can be handed: code and data, not documentation or images. */
const LOADABLE_DATA = /\.(?:json5?|node|wasm)$/;

/** Whether a computed load of this kind could load this changed file. */
function couldLoad(kind: "url" | "module", path: string): boolean {
  return kind === "url" || languageFor(path) !== undefined || LOADABLE_DATA.test(path);
}

function kindOf(node: GraphNode, item: UnresolvedImport): "url" | "module" {
  const record = node.facts?.imports.find((r) => r.line === item.line && r.specifier === item.specifier);
  return record?.kind === "url" ? "url" : "module";
}

/**
 * Imports whose path is built at run time from values nothing static tells (`import(name)`): they
 * can load any changed file, so every test that loads the importing file is kept when the change
 * holds a file such a load could take, with a warning naming the file and line.
 */
export function computedImportKeeps(
  graph: DependencyGraph,
  changedPaths: readonly string[],
  forced: Map<string, string[]>,
  warnings: SelectionWarning[],
): void {
  for (const node of graph.nodes.values()) {
    for (const item of node.unresolved) {
      // Paths read with fs, and scripts run apart, are kept by computed-reads.ts and unknown-scripts.ts.
      if (!item.computed || item.read || item.spawned) continue;
      const kind = kindOf(node, item);
      const changed = changedPaths.find((path) => couldLoad(kind, path));
      if (changed === undefined) continue;
      const tests = testsLoading(graph, node.path);
      if (tests.length === 0) continue;
      const where = `${node.path}:${item.line}`;
      const reason = `loads ${where}, which imports a path built at run time (\`${item.specifier}\`): it may load ${changed}`;
      for (const test of tests) {
        const reasons = forced.get(test) ?? [];
        reasons.push(reason);
        forced.set(test, reasons);
      }
      warnings.push({
        code: "COMPUTED_IMPORT",
        message: `the import path \`${item.specifier}\` is built at run time and may name any file: the ${tests.length} test(s) that load this file are kept`,
        file: node.path,
        line: item.line,
      });
    }
  }
}
