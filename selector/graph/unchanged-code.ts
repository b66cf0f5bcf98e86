import type { CodeOf } from "../extract/code-text.js";
import type { Declaration, FileFacts, TopLevelStatement } from "../extract/types.js";

type Item = Declaration | TopLevelStatement;

/** Past this many pairs of items, aligning costs more than it saves: every edited item counts. */
const MAX_CELLS = 4_000_000;

function itemsOf(facts: FileFacts, code: CodeOf): { item: Item; key: string; code: string }[] {
  const items: { item: Item; key: string; code: string }[] = [];
  for (const declaration of facts.declarations) {
    const text = code(declaration.range);
    items.push({ item: declaration, key: `${declaration.kind} ${declaration.names.join(",")}`, code: text });
  }
  // A statement has no name: its code is its identity.
  for (const statement of facts.statements) {
    const text = code(statement.range);
    items.push({ item: statement, key: `statement ${text}`, code: text });
  }
  return items.sort((a, b) => a.item.range.start - b.item.range.start);
}

/**
 * The top-level declarations and statements an edit left as they were, on both sides: those that
 * keep their place in the file's order (a longest common subsequence of names) and whose code is
 * the same once comments and layout are set aside. A JSDoc rewrite, a reindented body or a comment
 * inside a function changes nothing that runs or type-checks. An item that moved is not among
 * them: the order of top-level code is part of what loading the file does.
 */
export function unchangedItems(
  head: FileFacts,
  base: FileFacts,
  headCode: CodeOf,
  baseCode: CodeOf,
): Set<Item> {
  const after = itemsOf(head, headCode);
  const before = itemsOf(base, baseCode);
  const unchanged = new Set<Item>();
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_CELLS) return unchanged;
  // lcs[i][j]: the longest common subsequence of before[i..] and after[j..], by key.
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        before[i]!.key === after[j]!.key
          ? lcs[i + 1]![j + 1]! + 1
          : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i]!.key === after[j]!.key && lcs[i]![j] === lcs[i + 1]![j + 1]! + 1) {
      if (before[i]!.code === after[j]!.code) {
        unchanged.add(before[i]!.item);
        unchanged.add(after[j]!.item);
      }
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return unchanged;
}
