/**
 * CPU work over a large request in slices, giving the event loop a turn between them: other
 * requests, health probes and timers wait at most about SLICE_MS for it, however large the body.
 */

/** Gives the loop a turn: what is due (sockets, timers, other requests) runs before the caller goes on. */
export const turnLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** How long a slice holds the loop before it gives a turn. */
export const SLICE_MS = 10;

/** Items a slice function gets at a time, between looks at the clock. */
const ITEMS_PER_SLICE = 512;

/** Keeps the time since the loop's last turn, for loops that cannot be cut into equal slices. */
export class LoopSlices {
  private started = performance.now();

  /** Gives the loop a turn when this slice has run SLICE_MS or more. */
  async pause(): Promise<void> {
    if (performance.now() - this.started < SLICE_MS) return;
    await turnLoop();
    this.started = performance.now();
  }
}

/**
 * `mapSlice` over consecutive slices of `items` (each with its first index), the results
 * concatenated: Array#map for work where each item's answer stands alone. Under a slice's worth
 * of items it is one call and never waits.
 */
export async function mapInSlices<T, U>(
  items: readonly T[],
  mapSlice: (slice: readonly T[], start: number) => U[],
): Promise<U[]> {
  if (items.length <= ITEMS_PER_SLICE) return mapSlice(items, 0);
  const out: U[] = [];
  const slices = new LoopSlices();
  for (let start = 0; start < items.length; start += ITEMS_PER_SLICE) {
    for (const item of mapSlice(items.slice(start, start + ITEMS_PER_SLICE), start)) out.push(item);
    await slices.pause();
  }
  return out;
}
