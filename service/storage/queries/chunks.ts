/** Keeps IN lists and multi-row inserts well below both engines' parameter limits. */
export const ROWS_PER_STATEMENT = 500;

/** `items` in order, in slices of at most `size`: one statement each. */
export function chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
