import { expect, test } from "vitest";
import "../src/polyfill";

test("the polyfill ran", () => {
  expect((globalThis as Record<string, unknown>).answer).toBe(42);
});
