import { expect, test } from "vitest";
import { greeting } from "../src/greeting.js";

test("greets with the configured word", () => {
  expect(greeting("Ada")).toBe("Hello, Ada");
});
