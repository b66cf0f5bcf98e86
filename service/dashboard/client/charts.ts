import uPlot from "uplot";
import { h } from "./dom.js";

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  /** Bars for counts and amounts per day; lines for shares and rates. */
  kind: "bars" | "line";
}

const WIDTH = 560;
const HEIGHT = 200;

const bars = uPlot.paths.bars!({ size: [0.6, 60] });

/** A day-by-day chart (uPlot, drawn on a canvas: no data becomes markup). */
export function dayChart(
  title: string,
  days: readonly string[],
  series: readonly Series[],
  format: (value: number) => string,
): HTMLElement {
  const holder = h("figure", { class: "chart", "data-testid": `chart-${title}` });
  const xs = days.map((day) => Date.parse(`${day}T00:00:00.000Z`) / 1000);
  const options: uPlot.Options = {
    title,
    width: WIDTH,
    height: HEIGHT,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    // Half a day either side, so the first and last days' bars show whole.
    scales: {
      x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [{ stroke: "#555" }, { stroke: "#555", size: 70, values: (_u, ticks) => ticks.map(format) }],
    legend: { show: series.length > 1 },
    series: [
      {},
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        fill: s.kind === "bars" ? `${s.color}99` : undefined,
        width: s.kind === "bars" ? 1 : 2,
        ...(s.kind === "bars" ? { paths: bars, points: { show: false } } : {}),
        value: (_u: uPlot, v: number | null) => (v === null ? "–" : format(v)),
      })),
    ],
  };
  new uPlot(options, [xs, ...series.map((s) => s.values)] as uPlot.AlignedData, holder);
  return holder;
}

/** Predicted against observed failure rate per bucket: a calibrated model lies on the diagonal. */
export function calibrationChart(buckets: readonly { predicted: number; observed: number }[]): HTMLElement {
  const holder = h("figure", { class: "chart", "data-testid": "chart-calibration" });
  const sorted = [...buckets].sort((a, b) => a.predicted - b.predicted);
  const xs = sorted.map((b) => b.predicted);
  const options: uPlot.Options = {
    title: "Calibration: observed failure rate by predicted probability",
    width: WIDTH,
    height: HEIGHT,
    scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
    axes: [
      { stroke: "#555", values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) },
      { stroke: "#555", values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) },
    ],
    series: [
      { label: "predicted" },
      { label: "observed", stroke: "#c0392b", width: 2, points: { show: true, size: 6 } },
      { label: "perfectly calibrated", stroke: "#999", dash: [4, 4], points: { show: false } },
    ],
  };
  new uPlot(options, [xs, sorted.map((b) => b.observed), xs] as uPlot.AlignedData, holder);
  return holder;
}
