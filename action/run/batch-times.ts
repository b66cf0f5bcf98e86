import type { FileDuration } from "../../selector/state/file-times.js";

/** One batch of the command: the tests it was given and how long it took, start to exit. */
export interface BatchTime {
  tests: readonly string[];
  wall_ms: number;
  /**
   * The part of `wall_ms` in which the runner ran test files, when its reporter said (`run_ms`).
   * The rest is the command's fixed cost: starting the runner, loading its config, tearing down.
   * A run of any one file pays it too, so skipping a file never saves any of it.
   */
  files_ms?: number;
}

/**
 * Each file's share of its batch's wall time, so that the batch's files add up to it and skipping
 * them is priced at what the command would have taken. When the batch says how long the runner ran
 * files (`files_ms`), the files share that instead: the fixed cost left over is no file's. The
 * runner's file times say how the wall time divides; they do not add up to it by themselves:
 * - workers side by side: the times add up to more than the wall time; each is scaled down in
 *   proportion (two workers: each file costs the wall about half its own time);
 * - one worker: less, by what no file's time holds (each file's worker start-up, and the runner's
 *   start unless `files_ms` leaves it out); the rest goes to the files in equal shares, each file
 *   having started a worker of its own: in proportion, one slow file selected alone would be
 *   priced at most of the start-ups of the files it ran beside;
 * - files the runner did not time (no reporter: JUnit leaves out set-up and import) take the rest
 *   in equal shares, not in proportion: a file whose import is slow reports tests of ~0 ms.
 * Files the batch ran that no report names cannot be priced. Pure; answers new objects.
 */
export function fillFromBatches(
  durations: readonly FileDuration[],
  batches: readonly BatchTime[],
): FileDuration[] {
  const byPath = new Map(durations.map((d) => [d.test_path, { ...d }]));
  for (const batch of batches) {
    const files = [...new Set(batch.tests)].flatMap((test) => byPath.get(test) ?? []);
    const total = files.reduce((sum, d) => sum + d.duration_ms, 0);
    const wall = batch.files_ms !== undefined ? Math.min(batch.files_ms, batch.wall_ms) : batch.wall_ms;
    if (files.length === 0 || wall <= 0) continue;
    const untimed = files.filter((d) => d.source === "report");
    if (total < wall) {
      const takers = untimed.length > 0 ? untimed : files;
      const share = (wall - total) / takers.length;
      for (const d of takers) d.duration_ms = Math.round(d.duration_ms + share);
    } else if (total > 0) {
      const scale = wall / total;
      for (const d of files) d.duration_ms = Math.round(d.duration_ms * scale);
    }
  }
  return [...byPath.values()];
}

/**
 * The batches with the part of each in which the runner ran files, from `runMs` (all the runner's
 * runs together, `readRunMs`): the rest, the command's fixed cost, is split evenly, each batch
 * having started the runner once. Unchanged when `runMs` is unknown or not less than the wall time.
 */
export function withFilesMs(batches: readonly BatchTime[], runMs: number | undefined): BatchTime[] {
  const wall = batches.reduce((sum, b) => sum + b.wall_ms, 0);
  if (runMs === undefined || batches.length === 0 || runMs >= wall) return [...batches];
  const fixed = (wall - runMs) / batches.length;
  return batches.map((b) => ({ ...b, files_ms: Math.max(0, Math.round(b.wall_ms - fixed)) }));
}

/** The run's duration: the command's wall time, its batches one after another. */
export const commandWallMs = (batches: readonly BatchTime[]): number =>
  Math.round(batches.reduce((sum, b) => sum + b.wall_ms, 0));
