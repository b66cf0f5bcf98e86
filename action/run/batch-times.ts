import type { FileDuration } from "../../selector/state/file-times.js";

/** One batch of the command: the tests it was given and how long it took, start to exit. */
export interface BatchTime {
  tests: readonly string[];
  wall_ms: number;
}

/**
 * Where the runner timed no file (its JUnit report leaves out environment, set-up and import),
 * the batch's wall time is the measure: what the batch's durations leave unaccounted is divided
 * equally among its files the runner did not time. Equally, not in proportion: a file whose
 * import is slow reports tests of ~0 ms, and a share in proportion would keep it at ~0. A batch
 * whose files account for its wall time (the runner timed them, or workers ran side by side)
 * changes nothing. Pure; answers new objects.
 */
export function fillFromBatches(
  durations: readonly FileDuration[],
  batches: readonly BatchTime[],
): FileDuration[] {
  const byPath = new Map(durations.map((d) => [d.test_path, { ...d }]));
  for (const batch of batches) {
    const files = batch.tests.flatMap((test) => byPath.get(test) ?? []);
    const untimed = files.filter((d) => d.source === "report");
    const accounted = files.reduce((sum, d) => sum + d.duration_ms, 0);
    const gap = batch.wall_ms - accounted;
    if (untimed.length === 0 || gap <= 0) continue;
    const share = Math.round(gap / untimed.length);
    for (const d of untimed) d.duration_ms += share;
  }
  return [...byPath.values()];
}

/** The run's duration: the command's wall time, its batches one after another. */
export const commandWallMs = (batches: readonly BatchTime[]): number =>
  Math.round(batches.reduce((sum, b) => sum + b.wall_ms, 0));
