import { expect, test } from "vitest";
import { greet } from "../src/greet";

test("the greeting comes from the config's settings file", () => {
  expect(greet("Ada")).toBe("hello Ada");
});
