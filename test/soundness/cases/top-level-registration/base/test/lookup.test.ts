import { expect, test } from "vitest";
import { lookup } from "../src/index";

test("finds the greeting", () => {
  expect(lookup("greet")?.()).toBe("hello");
});
