import { expect, test } from "@jest/globals";
import { other } from "../src/other";

test("other", () => {
  expect(other()).toBe("other");
});
