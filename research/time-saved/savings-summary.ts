/** One replayed push: the measured wall times and the time saved the dashboard added for it. */
export interface PushSavings {
  sha: string;
  fullWallMs: number;
  /** 0 when nothing was selected: no test command ran. */
  selectedWallMs: number;
  /** The dashboard's time saved after this push minus before it. */
  estimatedMs: number;
}

export interface SavingsSummary {
  /** Σ (full − selected): what skipping saved, measured. */
  measuredMs: number;
  /** The dashboard's time saved over the replay. */
  estimatedMs: number;
  /** estimated / measured; null when nothing was measured saved. */
  ratio: number | null;
  /** Median over pushes of |estimated − measured|. */
  medianAbsErrorMs: number;
  /** Median over pushes of |estimated − measured| / that push's full wall time. */
  medianAbsErrorOfFull: number;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const measuredSaved = (push: PushSavings) => push.fullWallMs - push.selectedWallMs;

/** The replay's totals and per-push errors. Pure. */
export function summarise(pushes: readonly PushSavings[]): SavingsSummary {
  const measuredMs = pushes.reduce((sum, p) => sum + measuredSaved(p), 0);
  const estimatedMs = pushes.reduce((sum, p) => sum + p.estimatedMs, 0);
  const errors = pushes.map((p) => Math.abs(p.estimatedMs - measuredSaved(p)));
  return {
    measuredMs,
    estimatedMs,
    ratio: measuredMs === 0 ? null : estimatedMs / measuredMs,
    medianAbsErrorMs: median(errors),
    medianAbsErrorOfFull: median(pushes.map((p, i) => (p.fullWallMs > 0 ? errors[i]! / p.fullWallMs : 0))),
  };
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** One line per push: its wall times, measured and estimated saving, the error. */
export function pushLine(push: PushSavings, detail: string): string {
  const error = push.estimatedMs - measuredSaved(push);
  return (
    `${push.sha.slice(0, 9)} full ${seconds(push.fullWallMs)} s, selected ${seconds(push.selectedWallMs)} s, ` +
    `saved ${seconds(measuredSaved(push))} s, dashboard ${seconds(push.estimatedMs)} s, ` +
    `error ${error >= 0 ? "+" : ""}${seconds(error)} s; ${detail}`
  );
}

/** The totals as the replay prints them; `label` names the pushes summed. */
export function summaryLines(summary: SavingsSummary, pushes: number, label = "pushes"): string[] {
  const ratio = summary.ratio === null ? "n/a" : `${(summary.ratio * 100).toFixed(1)}%`;
  return [
    `${pushes} ${label}: measured saved ${seconds(summary.measuredMs)} s, dashboard ${seconds(summary.estimatedMs)} s, dashboard/measured ${ratio}`,
    `median |per-push error| ${seconds(summary.medianAbsErrorMs)} s (${(summary.medianAbsErrorOfFull * 100).toFixed(1)}% of that push's full wall time)`,
  ];
}
