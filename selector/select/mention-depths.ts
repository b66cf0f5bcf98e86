import { exportNamesOf } from "../graph/export-names.js";
import { type NameDepths, nameDepths } from "../graph/name-depths.js";
import type { ChangeSeed, SymbolReach } from "../graph/symbol-reach.js";
import type { DependencyGraph } from "../graph/types.js";
import { MENTION_BEYOND, MENTION_REACH } from "../model/features.js";
import type { RevisionSource } from "../repo/revision-source.js";
import type { TestEvidence } from "./decide.js";

/** Words that are syntax, not names: a test writes them whatever it tests. */
const KEYWORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while " +
    "with yield let static enum await implements package protected interface private public of as from type " +
    "undefined async get set"
  ).split(" "),
);

const WORD = /[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/g;

/** The nearest of `depths` the text writes (as a word anywhere: an import, `.url(`, a local), or undefined. */
export function nearestMention(text: string, depths: ReadonlyMap<string, number>): number | undefined {
  let nearest: number | undefined;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (KEYWORDS.has(word)) continue;
    const depth = depths.get(word);
    if (depth !== undefined && (nearest === undefined || depth < nearest)) {
      nearest = depth;
      if (nearest === 0) break;
    }
  }
  return nearest;
}

/**
 * For each test, how near to the change the nearest name its text writes is (name-depths.ts), or
 * `beyond` when it writes none within reach: a word any module hands out, or one of the test's own
 * names that was reached. A test that cannot be read is left out: unknown.
 */
export async function mentionDepths(
  tests: readonly string[],
  head: RevisionSource,
  depths: NameDepths,
  beyond: number,
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (tests.length === 0) return result;
  const texts = await head.read(tests);
  for (const test of tests) {
    const text = texts.get(test)?.toString("utf8");
    if (text === undefined) continue;
    const written = nearestMention(text, depths.words) ?? beyond;
    result.set(test, Math.min(written, depths.inTests.get(test) ?? beyond));
  }
  return result;
}

/** What the symbol level found: by every name, and by names that run (absent: the same). */
export interface Reach {
  symbols: ReadonlyMap<string, SymbolReach>;
  runtime?: ReadonlyMap<string, SymbolReach>;
  /** Tests a type checker reads: a type change can fail them, and depths follow no types. */
  typeChecked?: (test: string) => boolean;
}

/** Import forms whose bindings the test writes: `import { a }`, `import * as ns`, `require` into a name. */
const NAMED_KINDS = new Set([
  "static",
  "type",
  "reexport",
  "reexport-all",
  "require",
  "import-equals",
  "dynamic",
]);

/**
 * Whether only names the test writes connect it to the change: loading its imports runs no changed
 * code, and nothing affected reaches it through a form that binds no name (a `vi.mock` factory, an
 * asset, a glob, a bare `require`), where what it depends on need not be written in it. (The test's
 * own top-level calls use the names it imports; that makes its own state whole, which says nothing
 * about how far those names are.)
 */
function followsWrittenNames(graph: DependencyGraph, test: string, reach: Reach): boolean {
  // What runs is what the runtime reach follows; through types nothing loads (and depths are
  // only for tests no type checker reads).
  const states = reach.runtime ?? reach.symbols;
  return (graph.nodes.get(test)?.imports ?? []).every((edge) => {
    const target = states.get(edge.to);
    if (!target) return true;
    if (target.evaluates) return false;
    const affected = target.fileLevel || target.exports.size > 0 || target.locals.size > 0;
    const named = NAMED_KINDS.has(edge.kind) && (edge.names !== "*" || edge.namespaceLocal !== undefined);
    return !affected || named;
  });
}

/**
 * `nameDepths` follows names; where the symbol level made a file count whole (a removed star line,
 * a top-level statement using an affected name, a `require`), every name the file exports is
 * affected however far it is, so it counts as near: depth 0. Leaning near only keeps tests.
 */
function conservativeDepths(graph: DependencyGraph, seeds: readonly ChangeSeed[], reach: Reach): NameDepths {
  const depths = nameDepths(graph, seeds, MENTION_REACH);
  const exportNames = exportNamesOf(graph);
  // Runtime only: the tests that get a depth are the ones no type checker reads.
  for (const [path, state] of reach.runtime ?? reach.symbols) {
    // A test counts whole through its own calls; a file nothing imports hands no name to a test.
    const node = graph.nodes.get(path);
    if (!state.fileLevel || !node || node.isTest || node.importers.length === 0) continue;
    // Only what it exports can reach a test; its own locals are no name a test takes.
    for (const name of exportNames(path)) depths.words.set(name, 0);
  }
  return depths;
}

/**
 * Sets `mentionDepth` on every affected test no rule forces and that the symbol level reached by
 * names alone (its imports run no changed code): evidence a trained model reads (and `--details`
 * reports) on whether a test writes the changed names or reaches them only through a long chain
 * of other declarations; it never lowers the floor (decide.ts). A test whose imports run changed
 * code on load, or that a type checker reads (name depths follow no types), gets none.
 */
export async function addMentions(
  evidence: TestEvidence[],
  graph: DependencyGraph,
  seeds: readonly ChangeSeed[],
  head: RevisionSource,
  reach: Reach,
): Promise<void> {
  const affected = evidence.filter(
    (e) =>
      e.features.symbolHit &&
      e.forced.length === 0 &&
      !e.features.typeTest &&
      !reach.typeChecked?.(e.path) &&
      followsWrittenNames(graph, e.path, reach),
  );
  if (affected.length === 0) return;
  const found = await mentionDepths(
    affected.map((e) => e.path),
    head,
    conservativeDepths(graph, seeds, reach),
    MENTION_BEYOND,
  );
  for (const item of affected) {
    const depth = found.get(item.path);
    if (depth !== undefined) item.features.mentionDepth = depth;
  }
}
