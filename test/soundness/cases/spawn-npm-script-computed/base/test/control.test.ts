import { expect, test } from "vitest";
import { count } from "../src/count.js";

test("counts", () => {
  expect(count(["a", "b"])).toBe(2);
});
