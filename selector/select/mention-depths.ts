import { nameDepths } from "../graph/name-depths.js";
import type { ChangeSeed } from "../graph/symbol-reach.js";
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
 * `beyond` when it writes none within reach. A test that cannot be read is left out: unknown.
 */
export async function mentionDepths(
  tests: readonly string[],
  head: RevisionSource,
  depths: ReadonlyMap<string, number>,
  beyond: number,
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (tests.length === 0) return result;
  const texts = await head.read(tests);
  for (const test of tests) {
    const text = texts.get(test)?.toString("utf8");
    if (text !== undefined) result.set(test, nearestMention(text, depths) ?? beyond);
  }
  return result;
}

/**
 * Sets `mentionDepth` on every affected test no rule forces: the evidence a trained model reads
 * to tell a test that writes the changed names (or those next to them) from one that reaches
 * them only through a long chain of other declarations.
 */
export async function addMentions(
  evidence: TestEvidence[],
  graph: DependencyGraph,
  seeds: readonly ChangeSeed[],
  head: RevisionSource,
): Promise<void> {
  const affected = evidence.filter((e) => e.features.symbolHit && e.forced.length === 0);
  if (affected.length === 0) return;
  const depths = nameDepths(graph, seeds, MENTION_REACH);
  const found = await mentionDepths(
    affected.map((e) => e.path),
    head,
    depths,
    MENTION_BEYOND,
  );
  for (const item of affected) {
    const depth = found.get(item.path);
    if (depth !== undefined) item.features.mentionDepth = depth;
  }
}
