import { expect, test } from "vitest";
import { greet } from "../src/greet";

test("the plugin marks the greeting", () => {
  expect(greet()).toBe("hello!");
});
