import { expect, test } from "vitest";
import { format } from "../src/format";

test("formats two", () => {
  expect(format(2)).toBe("2.00");
});
