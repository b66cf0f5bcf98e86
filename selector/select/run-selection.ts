import { availableParallelism } from "node:os";
import { FactsCache } from "../cache/facts-cache.js";
import type { Diff } from "../diff/types.js";
import { languageFor, loadParser } from "../extract/parser.js";
import { isSingleFileComponent } from "../extract/sfc-script.js";
import type { FileFacts } from "../extract/types.js";
import { addEdges, buildGraph } from "../graph/build-graph.js";
import { changeSeeds } from "../graph/change-seeds.js";
import { fileReach } from "../graph/file-reach.js";
import { binsLookup } from "../graph/package-bins.js";
import { scriptsLookup } from "../graph/package-scripts.js";
import { resolveStarSeeds } from "../graph/star-seeds.js";
import { type ChangeSeed, symbolReach } from "../graph/symbol-reach.js";
import { textSeeds } from "../graph/text-seeds.js";
import type { DependencyGraph } from "../graph/types.js";
import { factsKey } from "../parse/source-kind.js";
import type { Policy } from "../policy/types.js";
import type { RevisionSource } from "../repo/revision-source.js";
import { applyChangeRules } from "./change-rules.js";
import { changedCode } from "./changed-code.js";
import { collectFacts } from "./collect-facts.js";
import { computedImportKeeps } from "./computed-imports.js";
import { computedReadKeeps, staticReadKeeps } from "./computed-reads.js";
import { decide, type TestEvidence } from "./decide.js";
import { gatherEvidence, typeCheckedTests } from "./evidence.js";
import { forceGlobalDeclarations } from "./global-declarations.js";
import { graphWarnings, lazyDependencies, unreadableInTests } from "./graph-warnings.js";
import { unreadProjectKeeps, unresolvedKeeps } from "./kept-tests.js";
import { layoutOnlyChanges, withoutLayoutOnly } from "./layout-only.js";
import { type LoadedSnapshot, loadSnapshot } from "./load-snapshot.js";
import { coverageBlindSeeds, nameChangeSeeds } from "./name-changes.js";
import { orphanSnapshotKeeps } from "./orphan-snapshots.js";
import { runnerProjects } from "./runner-projects.js";
import { selectionResult } from "./selection-result.js";
import {
  checkSyntax,
  forceLoadFailures,
  type SyntaxVerdicts,
  syntaxWarnings,
  unparsableSeeds,
} from "./syntax-check.js";
import { syntheticEdges } from "./synthetic.js";
import { forceOneCheckedLoader, forceTypeCheckedLoads } from "./type-checked-loads.js";
import type { SelectionResult, SelectionWarning } from "./types.js";
import { unknownScriptKeeps } from "./unknown-scripts.js";

export interface SelectionInput {
  diff: Diff;
  /** The head revision's files. */
  head: RevisionSource;
  /** The base (merge-base) revision, for deleted files and removed lines. */
  base?: RevisionSource;
  policy: Policy;
  /** Set when the policy could not be trusted: everything runs, with this reason. */
  policyFailure?: string;
  threshold?: number;
  granularity?: "symbol" | "file";
  /**
   * `false`: the tests run without a type checker, whatever the runner's config says (a CI that
   * type-checks in another job, an evaluation of the runtime suite): types alone select nothing.
   */
  typeCheck?: boolean;
  /** Parse cache file, loaded here; or `cache`, already loaded (with `cacheError` if that failed). */
  cacheFile?: string;
  cache?: FactsCache;
  cacheError?: string;
  cores?: number;
  onProgress?: (message: string) => void;
}

export interface SelectionOutput {
  result: SelectionResult;
  graph: DependencyGraph;
  /** What the decisions were made from: what the action sends the service to decide again. */
  evidence: TestEvidence[];
}

const since = (start: number) => Math.round(performance.now() - start);

/** Files whose functions a coverage record names: sources the parser reads, not components. */
const isRecordedSource = (path: string) => languageFor(path) !== undefined && !isSingleFileComponent(path);

/**
 * The whole offline selection: facts (cached), graph, what the diff touches, rules, decisions.
 */
export async function runSelection(input: SelectionInput): Promise<SelectionOutput> {
  const started = performance.now();
  await loadParser();
  const timings: Record<string, number> = {};
  const warnings: SelectionWarning[] = [];
  let cache = input.cache;
  let cacheError = input.cacheError;
  if (!cache) {
    cache = new FactsCache(input.cacheFile);
    cacheError = cache.load().error;
  }
  if (cacheError) warnings.push({ code: "CACHE_UNREADABLE", message: `parse cache rebuilt: ${cacheError}` });

  let mark = performance.now();
  const snapshot = await loadSnapshot(input, cache, warnings);
  timings.parse_ms = since(mark);
  mark = performance.now();

  // Deleted tests stay in the graph (their importers matter) but are reported, never run.
  const tests = snapshot.paths.filter((path) => snapshot.headPaths.has(path) && snapshot.isTest(path));
  const graph = buildGraph({
    paths: snapshot.paths,
    deletedPaths: snapshot.deletedPaths,
    facts: snapshot.facts,
    resolver: snapshot.resolver,
    isTest: snapshot.isTest,
    scripts: scriptsLookup(snapshot.readText),
    bins: binsLookup(snapshot.paths, snapshot.readText),
  });
  const projects = runnerProjects({ configs: snapshot.runnerConfigs, resolver: snapshot.resolver }, warnings);
  addEdges(graph, syntheticEdges(snapshot, tests, graph, projects));
  timings.graph_ms = since(mark);
  mark = performance.now();

  const rules = await applyChangeRules({ ...input, snapshot, graph, tests, warnings });
  // What could not be read may hide any changed file; a change to tests alone is followed by the graph.
  if (input.diff.files.some((change) => !snapshot.isTest(change.path))) {
    unresolvedKeeps(graph, rules.forced);
    unreadProjectKeeps(projects, tests, rules.forced);
  }
  // The paths the change touched, a rename's old name too.
  const touched = input.diff.files.flatMap((change) =>
    change.oldPath ? [change.path, change.oldPath] : [change.path],
  );
  orphanSnapshotKeeps({
    changed: touched,
    has: snapshot.has,
    allTests: snapshot.paths.filter(snapshot.isTest),
    tests,
    projects,
    forced: rules.forced,
    warnings,
  });
  const testDependencies = lazyDependencies(graph);
  const checking = performance.now();
  const baseFacts = await baseFactsOfChanged(input, snapshot, cache);
  const { written, syntax } = await diffSeeds(
    input,
    snapshot,
    baseFacts,
    cache,
    unreadableInTests(graph, testDependencies),
  );
  timings.seeds_ms = since(checking);
  written.push(...textSeeds(graph, input.diff.files));
  const fromDiff = [...written];
  written.push(...rules.seeds);
  const seeds = resolveStarSeeds(graph, written);
  const changedPaths = [...new Set(seeds.map((s) => s.path))];
  const files = fileReach(graph, changedPaths);
  computedImportKeeps(graph, changedPaths, rules.forced, warnings);
  staticReadKeeps(graph, touched, rules.forced);
  await computedReadKeeps({ graph, changedPaths, head: input.head, forced: rules.forced, warnings });
  await unknownScriptKeeps({ graph, changedPaths, head: input.head, forced: rules.forced, warnings });
  const symbols = symbolReach(graph, seeds);
  const runtime = symbolReach(graph, seeds, { runtimeOnly: true });
  const typeChecked = input.typeCheck === false ? () => false : typeCheckedTests(projects);
  forceLoadFailures(rules.forced, graph, input.diff, syntax, typeChecked);
  if (input.typeCheck !== false) {
    forceTypeCheckedLoads(rules.forced, graph, projects, seeds, tests);
    forceOneCheckedLoader(rules.forced, graph, projects, seeds, typeChecked);
    forceGlobalDeclarations({
      forced: rules.forced,
      graph,
      seeds,
      tests,
      typeChecked,
      resolver: snapshot.resolver,
    });
  }
  const oldPathOf = (path: string) => input.diff.files.find((c) => c.path === path)?.oldPath ?? path;
  const names = nameChangeSeeds(fromDiff, snapshot.facts, baseFacts, oldPathOf);
  const blindSeeds = coverageBlindSeeds(graph, fromDiff, names, rules.seeds, isRecordedSource);
  const blind = symbolReach(graph, resolveStarSeeds(graph, blindSeeds), { runtimeOnly: true });
  const evidence = gatherEvidence({
    graph,
    tests,
    files,
    symbols,
    runtime,
    typeChecked,
    coverageBlind: blind,
    forced: rules.forced,
  });
  const granularity = input.granularity ?? "symbol";
  const threshold = input.threshold ?? input.policy.selection.confidence_threshold;
  const fullReason = input.policyFailure ?? rules.fullReason;
  const decisions = decide(evidence, { threshold, granularity, ...(fullReason ? { fullReason } : {}) });
  timings.select_ms = since(mark);
  warnings.push(
    ...syntaxWarnings(syntax, input.diff),
    ...graphWarnings(graph, new Set(syntax.keys()), testDependencies),
  );

  cache.save();
  timings.total_ms = since(started);
  timings.files = snapshot.paths.length;
  timings.sources_parsed = snapshot.stats.parsed;
  timings.cache_hits = snapshot.stats.cacheHits;
  timings.bytes_parsed = snapshot.stats.bytesParsed;

  const result = selectionResult({
    decisions,
    threshold,
    granularity,
    fullReason,
    deletedTests: input.diff.files
      .filter((c) => c.status === "deleted" || c.status === "renamed")
      .map((c) => (c.status === "renamed" ? c.oldPath! : c.path))
      .filter((path) => snapshot.isTest(path) && !snapshot.headPaths.has(path)),
    changedFiles: input.diff.files.map((c) => ({
      path: c.path,
      status: c.status,
      ...(c.oldPath ? { old_path: c.oldPath } : {}),
    })),
    warnings,
    timings,
  });
  return { result, graph, evidence };
}

/**
 * What the diff's lines touch (change-seeds.ts), with what an exact parser says of the files:
 * a changed file that does not parse counts whole; one that tree-sitter misreads but whose
 * code an edit left alone (comments, layout) touches nothing.
 */
async function diffSeeds(
  input: SelectionInput,
  snapshot: LoadedSnapshot,
  baseFacts: ReadonlyMap<string, FileFacts>,
  cache: FactsCache,
  unreadable: readonly string[],
): Promise<{ written: ChangeSeed[]; syntax: SyntaxVerdicts }> {
  const syntax = await checkSyntax(input.diff, input.head, unreadable, {
    facts: snapshot.facts,
    remember: (path, facts) => {
      const entry = input.head.entries.find((e) => e.path === path);
      if (entry) cache.set(factsKey(entry.oid, path), facts);
    },
  });
  const [code, layoutOnly] = await Promise.all([
    changedCode(input.diff, input.head, input.base),
    layoutOnlyChanges(input.diff, input.head, input.base, snapshot.facts, syntax),
  ]);
  const seeds = input.diff.files.flatMap((change) =>
    changeSeeds(
      change,
      snapshot.facts.get(change.path),
      // Base facts even where the edit only added lines: a comment added inside a function is no change.
      baseFacts.get(change.oldPath ?? change.path),
      code.get(change.path),
    ),
  );
  return { written: withoutLayoutOnly(unparsableSeeds(seeds, syntax), layoutOnly), syntax };
}

/**
 * Base facts of every changed file the base still has: the snapshot reads those with removed lines
 * only, and what a file exported before an edit that only added lines is needed too.
 */
async function baseFactsOfChanged(
  input: SelectionInput,
  snapshot: LoadedSnapshot,
  cache: FactsCache,
): Promise<ReadonlyMap<string, FileFacts>> {
  if (!input.base) return snapshot.baseFacts;
  const missing = input.base.entries.filter((e) => !snapshot.baseFacts.has(e.path));
  if (missing.length === 0) return snapshot.baseFacts;
  const more = (await collectFacts(input.base, missing, { cache, cores: 1 })).facts;
  return new Map([...snapshot.baseFacts, ...more]);
}

export function defaultCores(): number {
  return availableParallelism();
}
