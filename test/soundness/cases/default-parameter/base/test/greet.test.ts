import { expect, test } from "vitest";
import { greet } from "../src/greet";

test("greets the world", () => {
  expect(greet()).toBe("hello world");
});
