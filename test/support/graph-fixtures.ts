import type { Declaration, FileFacts, ImportRecord } from "../../selector/extract/types.js";
import { buildGraph } from "../../selector/graph/build-graph.js";
import type { DependencyGraph } from "../../selector/graph/types.js";
import type { Resolver } from "../../selector/resolve/types.js";

/** Hand-written facts, so graph tests do not depend on the extractor. */
export function facts(parts: Partial<FileFacts> = {}): FileFacts {
  return { imports: [], declarations: [], statements: [], localExports: [], syntaxErrors: 0, ...parts };
}

export function imp(
  specifier: string,
  names: string[] | "*",
  extra: Partial<ImportRecord> = {},
): ImportRecord {
  return { specifier, kind: "static", names, typeOnly: false, line: 1, ...extra };
}

export function decl(
  name: string,
  start: number,
  end: number,
  extra: Partial<Declaration> = {},
): Declaration {
  return {
    names: [name],
    kind: "function",
    range: { start, end },
    exportedAs: [name],
    references: [],
    ...extra,
  };
}

/** Specifiers in these tests are repository paths already: `./` is stripped, nothing else. */
export const literalResolver: Resolver = {
  resolve: (specifier) => ({ kind: "file", path: specifier.replace(/^\.\//, "") }),
  resolveGlob: () => [],
  tsconfigFor: () => undefined,
  jsxSettingsFor: () => ({}),
  workspaces: () => [],
};

export function graphOf(files: Record<string, FileFacts | undefined>): DependencyGraph {
  const map = new Map<string, FileFacts>();
  for (const [path, f] of Object.entries(files)) if (f) map.set(path, f);
  return buildGraph({
    paths: Object.keys(files),
    facts: map,
    resolver: literalResolver,
    isTest: (path) => path.includes(".test."),
  });
}
