import { expect, test } from "vitest";

test("the setup file ran", () => {
  expect((globalThis as Record<string, unknown>).prefix).toBe(">");
});
