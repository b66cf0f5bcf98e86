import { expect, test } from "@jest/globals";
import { isAge } from "../src/validate";

test("ages are numbers", () => {
  expect(isAge(3)).toBe(true);
});
