import { expect, test } from "vitest";
import { compute } from "../src/use-lazy";

test("computes", async () => {
  expect(await compute()).toBe(8);
});
