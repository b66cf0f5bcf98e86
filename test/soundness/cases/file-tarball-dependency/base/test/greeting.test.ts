import { greet } from "greet";
import { expect, test } from "vitest";

test("greets by name", () => {
  expect(greet("Ada")).toBe("Hello, Ada");
});
