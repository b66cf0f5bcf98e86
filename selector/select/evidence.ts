import type { FileReach } from "../graph/file-reach.js";
import { pathTo } from "../graph/file-reach.js";
import type { SymbolReach } from "../graph/symbol-reach.js";
import type { DependencyGraph } from "../graph/types.js";
import { type TestFeatures, unreachableFeatures } from "../model/features.js";
import type { TestEvidence } from "./decide.js";

const TYPE_TEST = /\.test-d\.[cm]?tsx?$/;

export interface EvidenceInput {
  graph: DependencyGraph;
  tests: readonly string[];
  files: ReadonlyMap<string, FileReach>;
  symbols: ReadonlyMap<string, SymbolReach>;
  forced: ReadonlyMap<string, string[]>;
}

function isHit(state: SymbolReach | undefined): boolean {
  return state !== undefined && (state.fileLevel || state.locals.size > 0 || state.evaluates);
}

function featuresOf(input: EvidenceInput, test: string): TestFeatures {
  const reach = input.files.get(test);
  const typeTest = TYPE_TEST.test(test);
  if (!reach) return unreachableFeatures(typeTest);
  let maxFanIn = 0;
  for (const source of reach.sources) {
    maxFanIn = Math.max(maxFanIn, input.graph.nodes.get(source)?.importers.length ?? 0);
  }
  return {
    reachable: true,
    distance: reach.distance,
    symbolHit: isHit(input.symbols.get(test)),
    weakOnly: reach.weakOnly,
    changedFilesReaching: reach.sources.size,
    maxFanIn,
    typeTest,
  };
}

/** The graph's evidence for every test: features, the path that explains it, the names used. */
export function gatherEvidence(input: EvidenceInput): TestEvidence[] {
  return input.tests.map((test) => {
    const features = featuresOf(input, test);
    const evidence: TestEvidence = { path: test, features, forced: input.forced.get(test) ?? [] };
    if (!features.reachable) return evidence;
    const symbol = input.symbols.get(test);
    // The symbol path explains why the test scored high; the shortest file path, why it was reached.
    evidence.graphPath =
      features.symbolHit && symbol ? pathTo(input.symbols, test) : pathTo(input.files, test);
    if (symbol && features.symbolHit) {
      evidence.usedNames = symbol.usedNames;
      // Hit only because loading it runs changed top-level code, not through any name it uses.
      if (!symbol.fileLevel && symbol.locals.size === 0) evidence.loadsChangedCode = true;
    }
    return evidence;
  });
}
