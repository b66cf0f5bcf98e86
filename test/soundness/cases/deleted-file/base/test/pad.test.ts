import { expect, test } from "vitest";
import { pad } from "../src/pad";

test("pads", () => {
  expect(pad("7")).toBe("0007");
});
