import { expect, test } from "vitest";
import { formatName } from "../src/format";

test("trims", () => {
  expect(formatName(" Ada ")).toBe("Ada");
});
