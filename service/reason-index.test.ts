import { describe, expect, it } from "vitest";
import { ReasonIndex } from "./reason-index.js";

describe("ReasonIndex", () => {
  it("gives each distinct reason one index, in order of first use", () => {
    const index = new ReasonIndex();
    expect(index.refs(["b", "a"])).toEqual([0, 1]);
    expect(index.refs(["a", "c", "b"])).toEqual([1, 2, 0]);
    expect(index.refs([])).toEqual([]);
    expect(index.table()).toEqual(["b", "a", "c"]);
  });
});
