import { expect, test } from "vitest";
import { other } from "../src/other.js";

test("other", () => {
  expect(other()).toBe("other");
});
