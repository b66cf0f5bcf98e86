import { describe, expect, it } from "vitest";
import { sortInSlices } from "./sort-in-slices.js";

describe("sortInSlices", () => {
  it("sorts as Array#sort does, by code units, across chunks and their merges", async () => {
    // Several chunks, an odd number of them, duplicates, and strings that code-unit order and
    // locale order disagree on.
    const items = Array.from(
      { length: 13_001 },
      (_, i) => `${["b", "B", "ä", "a", "😀", "Z"][i % 6]}/${(i * 7_919) % 10_007}`,
    );
    const sorted = await sortInSlices(items);
    expect(sorted).toEqual([...items].sort());
    expect(items[0]).toBe("b/0");
  });

  it("gives the loop a turn while it sorts a large list", async () => {
    const items = Array.from({ length: 200_000 }, (_, i) => `t/${(i * 7_919) % 200_003}.test.ts`);
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await sortInSlices(items);
    counting = false;
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it("sorts nothing and one", async () => {
    expect(await sortInSlices([])).toEqual([]);
    expect(await sortInSlices(["x"])).toEqual(["x"]);
  });
});
