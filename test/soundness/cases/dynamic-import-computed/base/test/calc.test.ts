import { expect, test } from "vitest";
import { calc } from "../src/calc";

test("adds", async () => {
  expect(await calc("add", 2, 3)).toBe(5);
});
