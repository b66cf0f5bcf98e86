import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Static, Type } from "@sinclair/typebox";
import { inRepo } from "../coverage/read-coverage.js";
import { firstProblem } from "../schema/first-problem.js";
import { FILE_TIMES_DIR } from "./file-times-file.js";
import type { FileResult } from "./junit-results.js";

const FileTimesFile = Type.Object({
  version: Type.Literal(1),
  runner: Type.String(),
  files: Type.Array(
    Type.Object({ path: Type.String({ minLength: 1 }), duration_ms: Type.Number({ minimum: 0 }) }),
  ),
  run_ms: Type.Optional(Type.Number({ minimum: 0 })),
});

type TimesFile = Static<typeof FileTimesFile>;

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Every file time the runner wrote under `coverageDir` (file-times-file.ts), by path relative to
 * the repository (files outside it dropped). A file that cannot be read is a warning; a test
 * timed twice keeps the larger time.
 */
export async function readFileTimes(
  coverageDir: string,
  repoDir: string,
  warn: (message: string) => void,
): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  for (const parsed of await readTimesFiles(coverageDir, warn)) {
    for (const file of parsed.files) {
      const test = inRepo(repoDir, file.path);
      if (!test) continue;
      times.set(test, Math.max(times.get(test) ?? 0, Math.round(file.duration_ms)));
    }
  }
  return times;
}

/** The file-times files under `coverageDir`, in name order; one that cannot be read is a warning. */
async function readTimesFiles(coverageDir: string, warn: (message: string) => void): Promise<TimesFile[]> {
  const dir = join(coverageDir, FILE_TIMES_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    return [];
  }
  const files: TimesFile[] = [];
  for (const name of names) {
    const parsed = await readJson(join(dir, name));
    if (!firstProblem(FileTimesFile, parsed)) files.push(parsed as TimesFile);
    else warn(`${join(dir, name)}: not a file-times file of this version; skipped`);
  }
  return files;
}

/**
 * How long the runner ran test files, summed over its runs (`run_ms`, file-times-file.ts); undefined
 * when a run did not say (an older reporter): then no part of the wall time is known to be fixed.
 */
export async function readRunMs(coverageDir: string): Promise<number | undefined> {
  const files = await readTimesFiles(coverageDir, () => {});
  if (files.length === 0 || files.some((file) => file.run_ms === undefined)) return undefined;
  return files.reduce((sum, file) => sum + (file.run_ms ?? 0), 0);
}

/** A test file's duration and where it came from. */
export interface FileDuration {
  test_path: string;
  duration_ms: number;
  /** `runner`: the runner's own file time; `report`: the JUnit report's, which may leave out set-up. */
  source: "runner" | "report";
}

/**
 * The durations a run measured: each test file's runner time (`readFileTimes`) when there is one,
 * else what its JUnit report says; files the report skipped measured nothing.
 */
export function fileDurations(
  results: readonly { test_path: string; outcome: string; duration_ms: number }[],
  times: ReadonlyMap<string, number>,
): FileDuration[] {
  const out = new Map<string, FileDuration>();
  const reported = new Set(results.map((r) => r.test_path));
  for (const r of results) {
    if (r.outcome === "skipped") continue;
    const runner = times.get(r.test_path);
    out.set(
      r.test_path,
      runner === undefined
        ? { test_path: r.test_path, duration_ms: r.duration_ms, source: "report" }
        : { test_path: r.test_path, duration_ms: runner, source: "runner" },
    );
  }
  for (const [test_path, duration_ms] of times) {
    if (!reported.has(test_path)) out.set(test_path, { test_path, duration_ms, source: "runner" });
  }
  return [...out.values()];
}

/** One result per test file (a file in several reports: any failure fails it), at its measured duration. */
export function resultsToSend(
  local: readonly FileResult[],
  durations: readonly FileDuration[],
): FileResult[] {
  const measured = new Map(durations.map((d) => [d.test_path, d.duration_ms]));
  const rank = { failed: 2, passed: 1, skipped: 0 } as const;
  const byPath = new Map<string, FileResult>();
  for (const r of local) {
    const prior = byPath.get(r.test_path);
    const outcome = prior && rank[prior.outcome] > rank[r.outcome] ? prior.outcome : r.outcome;
    byPath.set(r.test_path, {
      test_path: r.test_path,
      outcome,
      duration_ms: measured.get(r.test_path) ?? r.duration_ms,
    });
  }
  return [...byPath.values()];
}
