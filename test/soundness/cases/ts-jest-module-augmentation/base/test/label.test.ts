import { expect, test } from "@jest/globals";
import { label } from "../src/label";

test("labels the settings", () => {
  expect(label({ name: "shop", region: "eu" })).toBe("shop (EU)");
});
