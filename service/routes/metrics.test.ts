import { createHistogram } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { type Kit, makeKit } from "../../test/support/service-kit.js";
import { eventLoopDelayText } from "../http/event-loop-delay.js";

let kit: Kit | undefined;
afterEach(() => kit?.close());

/** A gauge's value from Prometheus text. */
function gauge(text: string, name: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no ${name} in:\n${text}`);
  return Number(line.slice(name.length + 1));
}

describe("GET /metrics", () => {
  it("renders the delays as prom-client names them, in seconds", () => {
    const histogram = createHistogram();
    for (const ms of [10, 10, 10, 250]) histogram.record(ms * 1e6);
    const text = eventLoopDelayText(histogram);
    expect(text).toContain("# TYPE nodejs_eventloop_lag_max_seconds gauge\n");
    // The histogram keeps three significant digits.
    expect(gauge(text, "nodejs_eventloop_lag_max_seconds")).toBeCloseTo(0.25, 3);
    expect(gauge(text, "nodejs_eventloop_lag_p50_seconds")).toBeCloseTo(0.01, 3);
    expect(gauge(text, "nodejs_eventloop_lag_min_seconds")).toBeCloseTo(0.01, 3);
    expect(gauge(text, "nodejs_eventloop_lag_p99_seconds")).toBeCloseTo(0.25, 3);
    // No sample yet: zeros, not NaN, which Prometheus would store as a value.
    expect(eventLoopDelayText(createHistogram())).not.toMatch(/NaN|Infinity/);
  });

  it("needs no token, and shows the loop held by blocking work", async () => {
    kit = await makeKit();
    const first = await kit.app.inject({ url: "/metrics" });
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    // A scrape restarts the sampler, whose first interval after it is not recorded: let it run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const held = performance.now();
    while (performance.now() - held < 300) {
      // Holds the loop as a synchronous handler would.
    }
    // Timers run once the loop turns again: the sampler records the 300 ms it missed.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const after = (await kit.app.inject({ url: "/metrics" })).body;
    expect(gauge(after, "nodejs_eventloop_lag_max_seconds")).toBeGreaterThanOrEqual(0.29);
  });
});
