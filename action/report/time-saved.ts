/**
 * Milliseconds the skipped tests would have taken: each at its last recorded duration, a test
 * never timed at the mean of those that were. Undefined when nothing was ever timed.
 */
export function estimateSavedMs(
  skipped: readonly string[],
  durations: ReadonlyMap<string, number>,
): number | undefined {
  if (skipped.length === 0) return 0;
  if (durations.size === 0) return undefined;
  let total = 0;
  for (const ms of durations.values()) total += ms;
  const mean = total / durations.size;
  return skipped.reduce((sum, test) => sum + (durations.get(test) ?? mean), 0);
}

/** "4.2 min", "12 s", "under 1 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return "under 1 s";
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}
