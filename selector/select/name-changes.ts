import type { FileFacts } from "../extract/types.js";
import type { ChangeSeed } from "../graph/symbol-reach.js";
import type { DependencyGraph } from "../graph/types.js";

/** The names a module exports itself (not through `export *`), from its facts. */
export function ownExports(facts: FileFacts | undefined): Set<string> {
  const names = new Set<string>();
  if (!facts) return names;
  for (const declaration of facts.declarations) for (const name of declaration.exportedAs) names.add(name);
  for (const local of facts.localExports) names.add(local.exported);
  for (const record of facts.imports) {
    for (const r of record.reexports ?? []) names.add(r.exported);
    if (record.reexportNamespace) names.add(record.reexportNamespace);
  }
  return names;
}

/**
 * The part of the change that alters which names modules export: names added or removed, and
 * the targets of added `export * from` lines. Coverage cannot see it (a test enumerating a
 * namespace, or importing a name that is gone, runs no changed function), so the tests these
 * seeds reach keep their graph decision. A seed that cannot tell its names stays whole.
 */
export function nameChangeSeeds(
  seeds: readonly ChangeSeed[],
  headFacts: ReadonlyMap<string, FileFacts>,
  baseFacts: ReadonlyMap<string, FileFacts>,
  oldPathOf: (path: string) => string,
): ChangeSeed[] {
  return seeds.flatMap((seed): ChangeSeed[] => {
    if (seed.fileLevel) return [seed];
    const head = ownExports(headFacts.get(seed.path));
    const base = ownExports(baseFacts.get(oldPathOf(seed.path)));
    const changed = [...head].filter((n) => !base.has(n)).concat([...base].filter((n) => !head.has(n)));
    if (changed.length === 0 && !seed.starLines) return [];
    return [
      {
        path: seed.path,
        fileLevel: false,
        locals: [],
        exports: changed,
        evaluates: false,
        ...(seed.starLines ? { starLines: seed.starLines } : {}),
      },
    ];
  });
}

/**
 * Edges through which a file is read some other way than loading it as a module (its text, its
 * URL, a snapshot, a mock standing in for it, files a glob enumerates): a test's coverage records
 * the modules it loaded, so it cannot vouch for these.
 */
const UNLOADED_KINDS = new Set([
  "url",
  "asset",
  "glob",
  "template",
  "snapshot",
  "mock",
  "mock-file",
  "reference",
]);

/**
 * Seeds for the part of a change recorded coverage cannot see: name changes (nameChangeSeeds),
 * rule seeds (lockfiles and manifests: code outside the repository's own files), changed files
 * coverage does not record by function (not a parsed source: JSON, assets, components), and every
 * file that reads a changed file without loading it. The tests they reach keep their graph
 * decision whatever coverage says.
 */
export function coverageBlindSeeds(
  graph: DependencyGraph,
  written: readonly ChangeSeed[],
  nameSeeds: readonly ChangeSeed[],
  ruleSeeds: readonly ChangeSeed[],
  isRecordedSource: (path: string) => boolean,
): ChangeSeed[] {
  const whole = (path: string): ChangeSeed => ({
    path,
    fileLevel: true,
    locals: [],
    exports: [],
    evaluates: true,
  });
  const out: ChangeSeed[] = [...nameSeeds, ...ruleSeeds];
  for (const path of new Set(written.map((seed) => seed.path))) {
    if (!isRecordedSource(path)) out.push(whole(path));
    for (const edge of graph.nodes.get(path)?.importers ?? []) {
      if (UNLOADED_KINDS.has(edge.kind) || edge.text) out.push(whole(edge.from));
    }
  }
  return out;
}
