import { expect, test } from "vitest";
import { Box } from "../src/box";

test("keeps nothing of its argument", () => {
  expect(Object.keys(new Box(1))).toEqual([]);
});
