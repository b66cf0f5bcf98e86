import { type Histogram, monitorEventLoopDelay } from "node:perf_hooks";

/**
 * How long the event loop was held, sampled every RESOLUTION_MS, as the service's own measure of
 * one request blocking the others (a slow handler shows here, not in its own latency).
 */
export interface EventLoopDelay {
  /** The delays since the last `take` (or since `start`) in Prometheus text, then starts afresh. */
  take(): string;
  stop(): void;
}

/** prom-client's default: a hundred samples a second cost nothing measurable. */
const RESOLUTION_MS = 10;

/** Names and units as prom-client's default Node.js metrics, so existing dashboards read them. */
const GAUGES: [name: string, help: string, value: (h: Histogram) => number][] = [
  ["min", "Minimum", (h) => h.min],
  ["max", "Maximum", (h) => h.max],
  ["mean", "Mean", (h) => h.mean],
  ["stddev", "Standard deviation of", (h) => h.stddev],
  ["p50", "The 50th percentile of", (h) => h.percentile(50)],
  ["p90", "The 90th percentile of", (h) => h.percentile(90)],
  ["p99", "The 99th percentile of", (h) => h.percentile(99)],
];

/** Histogram values are nanoseconds; an empty histogram (no sample yet) reads as 0, not NaN. */
function seconds(nanoseconds: number): string {
  return Number.isFinite(nanoseconds) ? String(nanoseconds / 1e9) : "0";
}

/** The gauges in the Prometheus text exposition format (version 0.0.4). */
export function eventLoopDelayText(histogram: Histogram): string {
  const lines: string[] = [];
  for (const [suffix, help, value] of GAUGES) {
    const name = `nodejs_eventloop_lag_${suffix}_seconds`;
    lines.push(`# HELP ${name} ${help} the event loop delay since the previous scrape.`);
    lines.push(`# TYPE ${name} gauge`);
    lines.push(`${name} ${seconds(histogram.count === 0 ? 0 : value(histogram))}`);
  }
  return `${lines.join("\n")}\n`;
}

export function startEventLoopDelay(): EventLoopDelay {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  return {
    take() {
      const text = eventLoopDelayText(histogram);
      // Each scrape covers the time since the one before, as a gauge Prometheus samples should
      // (prom-client does the same). Node's sampler records nothing for its first interval after
      // a reset, so a stall starting within RESOLUTION_MS of a scrape goes unseen.
      histogram.reset();
      return text;
    },
    stop: () => histogram.disable(),
  };
}
