import { describe, expect, it } from "vitest";
import { mapInSlices, SLICE_MS } from "./loop-slices.js";

/** Holds the thread, as CPU work over a large body does. */
function hold(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe("mapInSlices", () => {
  it("maps like Array#map, each slice told where it starts", async () => {
    const items = Array.from({ length: 2_000 }, (_, i) => i);
    const starts: number[] = [];
    const out = await mapInSlices(items, (slice, start) => {
      starts.push(start);
      return slice.map((n, i) => `${n}@${start + i}`);
    });
    expect(out).toEqual(items.map((n) => `${n}@${n}`));
    expect(starts).toEqual([0, 512, 1024, 1536]);
    expect(await mapInSlices([], () => [])).toEqual([]);
  });

  it("lets a timer due meanwhile run before it finishes, once a slice has held the loop long enough", async () => {
    const events: string[] = [];
    setTimeout(() => events.push("timer"), 0);
    await mapInSlices(
      Array.from({ length: 4 * 512 }, (_, i) => i),
      (slice, start) => {
        events.push(`slice ${start}`);
        hold(SLICE_MS);
        return [...slice];
      },
    );
    events.push("done");
    expect(events.indexOf("timer")).toBeGreaterThan(0);
    expect(events.indexOf("timer")).toBeLessThan(events.indexOf("done") - 1);
  });
});
