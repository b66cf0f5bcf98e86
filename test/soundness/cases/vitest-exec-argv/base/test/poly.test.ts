import { expect, test } from "vitest";

test("poly", () => {
  expect((globalThis as { answer?: number }).answer).toBe(42);
});
