import { Type } from "@sinclair/typebox";
import { type Loaded, testsFile } from "./state-file.js";

export const DURATIONS_FILE = "durations.json";

/** One test file's last measured duration. */
export interface MeasuredDuration {
  duration_ms: number;
  /** ISO time of the run that measured it. */
  measured_at: string;
  /** The commit it ran at. */
  commit: string;
}

/** Test path to its last measured duration. */
export type Durations = Record<string, MeasuredDuration>;

const file = testsFile(
  DURATIONS_FILE,
  Type.Object({
    duration_ms: Type.Integer({ minimum: 0 }),
    measured_at: Type.String(),
    commit: Type.String(),
  }),
);

/** What a run measured for one test file. */
export interface Measured {
  test_path: string;
  duration_ms: number;
}

export function readDurations(dir: string): Promise<Loaded<Durations>> {
  return file.read(dir);
}

/** Each measured test's duration replaces its previous one; the others keep theirs. */
export function recordDurations(
  dir: string,
  measured: readonly Measured[],
  commit: string,
  now: Date,
): Promise<Loaded<Durations>> {
  const at = now.toISOString();
  return file.update(dir, (tests) => {
    for (const m of measured) tests[m.test_path] = { duration_ms: m.duration_ms, measured_at: at, commit };
    return true;
  });
}

/** Milliseconds by test path, for the time-saved estimate. */
export const durationMs = (durations: Durations): Map<string, number> =>
  new Map(Object.entries(durations).map(([test, d]) => [test, d.duration_ms]));
