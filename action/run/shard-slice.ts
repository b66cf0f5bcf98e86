/**
 * This shard's share of the selected tests: every `total`-th path in sorted order, starting at
 * the `index`-th. Every shard computes it from the same list (the service's run, which every shard
 * of a job joins), so the shares never overlap and together hold every test.
 */
export function shardSlice(tests: readonly string[], shard: { index: number; total: number }): string[] {
  const sorted = [...tests].sort();
  return sorted.filter((_, position) => position % shard.total === shard.index - 1);
}
