import { describe, expect, it } from "vitest";
import { shardSlice } from "./shard-slice.js";

describe("shardSlice", () => {
  it("splits the sorted list round-robin: no test twice, none left out, whatever order it came in", () => {
    const tests = ["e.test.ts", "a.test.ts", "d.test.ts", "b.test.ts", "c.test.ts"];
    const shares = [1, 2, 3].map((index) => shardSlice(tests, { index, total: 3 }));
    expect(shares).toEqual([["a.test.ts", "d.test.ts"], ["b.test.ts", "e.test.ts"], ["c.test.ts"]]);
    expect(shardSlice([...tests].reverse(), { index: 2, total: 3 })).toEqual(shares[1]);
    expect(shardSlice(["a.test.ts"], { index: 2, total: 2 })).toEqual([]);
    expect(shardSlice(tests, { index: 1, total: 1 })).toEqual([...tests].sort());
  });
});
