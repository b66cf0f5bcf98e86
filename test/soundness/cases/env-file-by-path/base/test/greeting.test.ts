import { expect, test } from "vitest";
import { greeting } from "../src/greeting.js";

test("greets the configured name", () => {
  expect(greeting()).toBe("Hello, Ada");
});
