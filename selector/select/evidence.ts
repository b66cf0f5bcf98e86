import type { FileReach } from "../graph/file-reach.js";
import { pathTo } from "../graph/file-reach.js";
import type { SymbolReach } from "../graph/symbol-reach.js";
import type { RunnerProject } from "../graph/synthetic/setup-edges.js";
import type { DependencyGraph } from "../graph/types.js";
import { type TestFeatures, unreachableFeatures } from "../model/features.js";
import type { TestEvidence } from "./decide.js";

/** Vitest's default `typecheck.include`: type tests, which fail on type errors alone. */
const TYPE_TEST = /\.(?:test|spec)-d\.[cm]?[jt]sx?$/;

export interface EvidenceInput {
  graph: DependencyGraph;
  tests: readonly string[];
  files: ReadonlyMap<string, FileReach>;
  /** Symbol-level reach through types and values. */
  symbols: ReadonlyMap<string, SymbolReach>;
  /** Symbol-level reach through what runs only (types erased); all of `symbols` when absent. */
  runtime?: ReadonlyMap<string, SymbolReach>;
  /** Tests a type checker reads, so that a change to types alone can fail them. */
  typeChecked?: (test: string) => boolean;
  /** Reach of the part of the change recorded coverage cannot see (name-changes.ts). */
  coverageBlind?: ReadonlyMap<string, SymbolReach>;
  forced: ReadonlyMap<string, string[]>;
}

/**
 * Which tests a type checker reads: type tests always (vitest's `typecheck` and tsd read them), and
 * every test of a project whose runner type-checks its tests (ts-jest, a vitest `typecheck.include`).
 * Other runners strip types before running, so a change only types see cannot fail those tests.
 */
export function typeCheckedTests(projects: readonly RunnerProject[]): (test: string) => boolean {
  const checking = projects.filter((project) => project.typeChecks).map((project) => project.dir);
  const under = (dir: string, path: string) => dir === "" || path.startsWith(`${dir}/`);
  return (test) => TYPE_TEST.test(test) || checking.some((dir) => under(dir, test));
}

function isHit(state: SymbolReach | undefined): boolean {
  return state !== undefined && (state.fileLevel || state.locals.size > 0 || state.evaluates);
}

/** Affected at run time, or through types for a test a type checker reads. */
function symbolHit(input: EvidenceInput, test: string): boolean {
  if (!input.runtime) return isHit(input.symbols.get(test));
  if (isHit(input.runtime.get(test))) return true;
  return (input.typeChecked?.(test) ?? true) && isHit(input.symbols.get(test));
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
    symbolHit: symbolHit(input, test),
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
    if (input.typeChecked?.(test) ?? !input.runtime) evidence.typeChecked = true;
    if (isHit(input.coverageBlind?.get(test))) evidence.coverageBlind = true;
    if (!features.reachable) return evidence;
    const runtime = input.runtime?.get(test);
    const reach = input.runtime && isHit(runtime) ? input.runtime : input.symbols;
    const symbol = reach.get(test);
    // Affected through types alone, but nothing type-checks it: say so when it is skipped.
    if (!features.symbolHit && isHit(input.symbols.get(test))) evidence.typesOnly = true;
    // The symbol path explains why the test scored high; the shortest file path, why it was reached.
    evidence.graphPath = features.symbolHit && symbol ? pathTo(reach, test) : pathTo(input.files, test);
    if (symbol && features.symbolHit) {
      evidence.usedNames = symbol.usedNames;
      // Hit only because loading it runs changed top-level code, not through any name it uses.
      if (!symbol.fileLevel && symbol.locals.size === 0) evidence.loadsChangedCode = true;
    }
    return evidence;
  });
}
