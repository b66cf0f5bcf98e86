import { createHash } from "node:crypto";

/** The policy's `canary` block (DESIGN "Canary and rollback"). */
export interface CanarySettings {
  full_run_rate: number;
  max_miss_rate: number;
  window: number;
}

/** What a model would have skipped in one full run: its shadow selection. */
export interface Shadow {
  /** A trained model's id, or "cold-start" for the graph-only selection. */
  model: string;
  skipped: readonly string[];
}

/** One canary full run with its outcome, as the canary judges it. */
export interface CanaryRun {
  run_id: string;
  shadows: readonly Shadow[];
  failed: readonly string[];
  /** Tests seen passing and failing on one commit: their failures are never misses. */
  flaky: ReadonlySet<string>;
}

/**
 * A uniform number in [0, 1) from a commit, so the same commit always gets the same draw: a re-run
 * of a commit is a canary run exactly when the first one was, which keeps flaky detection and
 * retried requests consistent and makes the choice reproducible.
 */
export function commitDraw(salt: string, commitSha: string): number {
  const digest = createHash("sha256").update(`${salt}:${commitSha}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** A failing test the shadow selection skipped, flaky failures aside. */
export function missesOf(shadow: Shadow, run: CanaryRun): string[] {
  const skipped = new Set(shadow.skipped);
  return run.failed.filter((test) => skipped.has(test) && !run.flaky.has(test));
}

export interface MissRate {
  model: string;
  runs: number;
  /** Tests the model's shadow selections skipped over those runs: what it saves. */
  skipped: number;
  /** Runs with at least one miss: safety is judged per commit, as a skipped failure is per commit. */
  missedRuns: number;
  rate: number;
  /** One example, for the reason text. */
  example?: { run_id: string; test: string };
}

/** The model's miss rate over the newest `window` runs that recorded its shadow (newest first). */
export function missRate(runs: readonly CanaryRun[], model: string, window: number): MissRate {
  let counted = 0;
  let missedRuns = 0;
  let skipped = 0;
  let example: MissRate["example"];
  for (const run of runs) {
    if (counted >= window) break;
    const shadow = run.shadows.find((s) => s.model === model);
    if (!shadow) continue;
    counted += 1;
    skipped += shadow.skipped.length;
    const misses = missesOf(shadow, run);
    if (misses.length === 0) continue;
    missedRuns += 1;
    example ??= { run_id: run.run_id, test: misses[0]! };
  }
  return {
    model,
    runs: counted,
    skipped,
    missedRuns,
    rate: counted === 0 ? 0 : missedRuns / counted,
    ...(example ? { example } : {}),
  };
}

export type CanaryVerdict =
  | { kind: "keep" }
  | { kind: "rollback"; reason: string; rate: MissRate }
  | { kind: "promote"; candidate: MissRate; serving: MissRate }
  | { kind: "reject"; candidate: MissRate; serving: MissRate };

/** Full runs a new model shadows before it is judged against the current one. */
export function promotionRuns(settings: CanarySettings): number {
  return Math.min(settings.window, 10);
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function rollbackReason(rate: MissRate, settings: CanarySettings): string {
  const example = rate.example ? `; e.g. ${rate.example.test} failed in ${rate.example.run_id}` : "";
  return (
    `model ${rate.model} missed failing tests in ${rate.missedRuns} of the last ${rate.runs} full runs ` +
    `(${percent(rate.rate)}), above max_miss_rate ${percent(settings.max_miss_rate)}${example}`
  );
}

function selectsMoreReason(model: MissRate, graph: MissRate): string {
  return (
    `model ${model.model} selected more than the graph alone over the last ${model.runs} full runs: it ` +
    `would have skipped ${model.skipped} tests, the graph alone ${graph.skipped}`
  );
}

/**
 * Judges what serves (a model, or the graph alone: `graph`) and a candidate, if one is being tried,
 * over recent canary full runs, newest first. What serves rolls back as soon as its miss rate over
 * the window exceeds `max_miss_rate` (waiting for a full window would keep a model that already
 * skipped a failure), and a trained model also when, on the same runs, it skipped fewer tests than
 * the graph alone would have: a model is there to help. A candidate is promoted after
 * `promotionRuns` shadowed runs only when, on those same runs, it missed in no more runs than what
 * serves **and** skipped more tests; otherwise it is rejected. A model that selects everything
 * never misses, and one that selects what serves already brings nothing.
 */
export function canaryVerdict(
  runs: readonly CanaryRun[],
  serving: string,
  candidate: string | undefined,
  settings: CanarySettings,
  graph = serving,
): CanaryVerdict {
  const current = missRate(runs, serving, settings.window);
  if (current.runs > 0 && current.rate > settings.max_miss_rate) {
    return { kind: "rollback", reason: rollbackReason(current, settings), rate: current };
  }
  if (serving !== graph && current.runs > 0) {
    const both = runs.filter(
      (run) => run.shadows.some((s) => s.model === serving) && run.shadows.some((s) => s.model === graph),
    );
    const model = missRate(both, serving, settings.window);
    const alone = missRate(both, graph, settings.window);
    if (model.runs > 0 && model.skipped < alone.skipped) {
      return { kind: "rollback", reason: selectsMoreReason(model, alone), rate: current };
    }
  }
  if (!candidate) return { kind: "keep" };
  const needed = promotionRuns(settings);
  const tried = missRate(runs, candidate, needed);
  if (tried.runs < needed) return { kind: "keep" };
  // The same runs for both, so neither is judged on luckier commits.
  const sameRuns = runs.filter((run) => run.shadows.some((s) => s.model === candidate)).slice(0, needed);
  const baseline = missRate(sameRuns, serving, needed);
  const better = tried.missedRuns <= baseline.missedRuns && tried.skipped > baseline.skipped;
  return better
    ? { kind: "promote", candidate: tried, serving: baseline }
    : { kind: "reject", candidate: tried, serving: baseline };
}
