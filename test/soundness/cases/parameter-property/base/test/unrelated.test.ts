import { expect, test } from "vitest";
import { other } from "../src/other";

test("other", () => {
  expect(other()).toBe("other");
});
