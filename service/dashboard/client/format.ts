/** Milliseconds as a person reads a duration: 850 ms, 12.4 s, 3 min 20 s, 2 h 05 min. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ${String(Math.round(s % 60)).padStart(2, "0")} s`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, "0")} min`;
}

export function percent(ratio: number | null | undefined, digits = 1): string {
  return ratio === null || ratio === undefined ? "–" : `${(ratio * 100).toFixed(digits)}%`;
}

/** "2 of 3" with its share, or a dash when there was nothing to count. */
export function ofTotal(part: number, whole: number): string {
  return whole === 0 ? "–" : `${part} of ${whole} (${percent(part / whole, 0)})`;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return "–";
  return iso.replace("T", " ").slice(0, 16);
}

export const shortSha = (sha: string) => sha.slice(0, 8);

/** The change of a trend ratio with its direction. */
export function trend(change: number | null): string {
  if (change === null) return "no earlier week to compare";
  const arrow = change > 0 ? "▲" : change < 0 ? "▼" : "=";
  return `${arrow} ${percent(Math.abs(change), 0)} vs the 7 days before`;
}

export const modelName = (model: string) => (model === "cold-start" ? "graph alone (cold-start)" : model);
