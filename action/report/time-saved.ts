/** What skipping saved, at each skipped test file's last measured duration. */
export interface TimeSaved {
  /** The measured skipped files' durations added up. */
  ms: number;
  /** Skipped files with a measured duration. */
  priced: number;
  /** Skipped files never measured: counted, not priced (no guess stands in for them). */
  unmeasured: number;
}

/**
 * Milliseconds the skipped test files would have taken, each at its last measured file duration
 * (its whole wall time in the runner: environment, setup, import and tests). A file never measured
 * adds nothing and is counted in `unmeasured`, so the estimate errs low, never by a guess.
 */
export function estimateTimeSaved(
  skipped: readonly string[],
  durations: ReadonlyMap<string, number>,
): TimeSaved {
  let ms = 0;
  let priced = 0;
  for (const test of skipped) {
    const measured = durations.get(test);
    if (measured === undefined) continue;
    ms += measured;
    priced += 1;
  }
  return { ms, priced, unmeasured: skipped.length - priced };
}

/** "4.2 min", "12 s", "under 1 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return "under 1 s";
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

const files = (n: number) => `${n} skipped file${n === 1 ? "" : "s"}`;

/**
 * The estimate in words, for the summary, the check run and `superplane select --format text`:
 * "35 s (12 skipped files at their last measured file durations; 3 skipped files never measured,
 * not priced)". Undefined when nothing was skipped.
 */
export function describeTimeSaved(saved: TimeSaved): string | undefined {
  if (saved.priced + saved.unmeasured === 0) return undefined;
  const never = `${files(saved.unmeasured)} never measured, not priced`;
  if (saved.priced === 0) return `unknown: ${never}`;
  const at =
    saved.priced === 1
      ? "1 skipped file at its last measured file duration"
      : `${files(saved.priced)} at their last measured file durations`;
  return `${formatDuration(saved.ms)} (${at}${saved.unmeasured > 0 ? `; ${never}` : ""})`;
}
