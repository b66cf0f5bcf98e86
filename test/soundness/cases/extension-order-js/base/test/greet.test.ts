import { expect, test } from "vitest";
import { greet } from "../src/greet";

test("greets", () => {
  expect(greet("Ada")).toBe("hello Ada");
});
