import { expect, test } from "vitest";

test("loads lazily", async () => {
  const { lazy } = await import("../src/lazy");
  expect(lazy).toBe(7);
});
