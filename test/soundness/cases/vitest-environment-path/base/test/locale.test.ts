import { expect, test } from "vitest";

test("the environment sets the locale", () => {
  expect((globalThis as { LOCALE?: string }).LOCALE).toBe("en-GB");
});
