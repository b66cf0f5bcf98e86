import { expect, test } from "vitest";
import { greet } from "../src/greet.js";

test("greets", () => {
  expect(greet("Bo")).toBe("Hello, Bo");
});
