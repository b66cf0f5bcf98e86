import { Type } from "@sinclair/typebox";
import type { JUnitCase } from "./junit-results.js";
import { type Loaded, testsFile } from "./state-file.js";

/**
 * Flaky marks, what the service's `flaky_observations` hold: a test file that failed and passed
 * on one commit, with the commits it did so on. Kept without a service in `.git/superplane/`.
 */
export const FLAKY_FILE = "flaky.json";

/** The commits a file flipped on, newest last (at most `KEPT_COMMITS`), and when it last did. */
export interface FlakyMark {
  commits: string[];
  last_seen_at: string;
}

export type FlakyMarks = Record<string, FlakyMark>;

/** Enough to say how often a test flips; the service keeps every commit, a cache file need not. */
const KEPT_COMMITS = 20;

const file = testsFile(
  FLAKY_FILE,
  Type.Object({
    commits: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    last_seen_at: Type.String(),
  }),
);

export function readFlakyMarks(dir: string): Promise<Loaded<FlakyMarks>> {
  return file.read(dir);
}

/** Marks the files flaky at the commit; a file already marked at it counts once (a re-run job). */
export function recordFlaky(
  dir: string,
  tests: readonly string[],
  commit: string,
  now: Date,
): Promise<Loaded<FlakyMarks>> {
  return file.update(dir, (marks) => {
    for (const test of tests) {
      const prior = marks[test]?.commits ?? [];
      const commits = [...prior.filter((c) => c !== commit), commit].slice(-KEPT_COMMITS);
      marks[test] = { commits, last_seen_at: now.toISOString() };
    }
    return tests.length > 0;
  });
}

/**
 * The test files one job saw fail and then pass: a case reported failed and later passed under
 * the same name (a retry the reporter writes as another case, or a second run of the command
 * in the job: `reports` in the order they were written), or a passing case carrying its failed
 * attempts (Surefire's `flakyFailure`). A case that never passed is a failure, not a flake.
 */
export function flakyInJob(reports: readonly (readonly JUnitCase[])[]): string[] {
  const failedBefore = new Set<string>();
  const flaky = new Set<string>();
  for (const report of reports) {
    for (const c of report) {
      const key = `${c.file}\0${c.name}`;
      if (c.outcome === "failed") failedBefore.add(key);
      else if (c.outcome === "passed" && (c.passedOnRetry || failedBefore.has(key))) flaky.add(c.file);
    }
  }
  return [...flaky].sort();
}
