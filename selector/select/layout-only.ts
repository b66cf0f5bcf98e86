import type { Diff } from "../diff/types.js";
import { loadCodeTokens } from "../extract/exact-syntax.js";
import type { FileFacts } from "../extract/types.js";
import type { ChangeSeed } from "../graph/symbol-reach.js";
import type { RevisionSource } from "../repo/revision-source.js";
import type { SyntaxVerdicts } from "./syntax-check.js";

/**
 * Modified files tree-sitter cannot read by declaration (it misreads their grammar, so all of
 * them counts) whose code is the same at base and head once comments and layout are set aside,
 * as Babel's tokens tell. Files tree-sitter reads are compared declaration by declaration already
 * (graph/unchanged-code.ts); these would otherwise select every test that loads them.
 */
export async function layoutOnlyChanges(
  diff: Diff,
  head: RevisionSource,
  base: RevisionSource | undefined,
  headFacts: ReadonlyMap<string, FileFacts>,
  verdicts: SyntaxVerdicts,
): Promise<Set<string>> {
  const same = new Set<string>();
  if (!base) return same;
  const paths = diff.files
    .filter(
      (c) =>
        c.status === "modified" &&
        !c.binary &&
        (headFacts.get(c.path)?.syntaxErrors ?? 0) > 0 &&
        verdicts.has(c.path) &&
        verdicts.get(c.path) === undefined,
    )
    .map((c) => c.path);
  if (paths.length === 0) return same;
  const [tokens, after, before] = await Promise.all([loadCodeTokens(), head.read(paths), base.read(paths)]);
  for (const path of paths) {
    const headText = after.get(path)?.toString("utf8");
    const baseText = before.get(path)?.toString("utf8");
    if (headText === undefined || baseText === undefined) continue;
    const a = tokens(path, headText);
    const b = tokens(path, baseText);
    if (a && b && a.length === b.length && a.every((token, i) => token === b[i])) same.add(path);
  }
  return same;
}

/** A file whose edit changed no code touches nothing: its seed names nothing and runs nothing. */
export function withoutLayoutOnly(seeds: readonly ChangeSeed[], same: ReadonlySet<string>): ChangeSeed[] {
  return seeds.map((seed) =>
    same.has(seed.path)
      ? {
          path: seed.path,
          fileLevel: false,
          evaluates: false,
          locals: [],
          exports: [],
          runtime: { locals: [], exports: [] },
        }
      : seed,
  );
}
