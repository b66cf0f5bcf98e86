import { expect, test } from "vitest";
import * as math from "../src/math";

test("multiplies", () => {
  expect(math.mul(2, 3)).toBe(6);
});
