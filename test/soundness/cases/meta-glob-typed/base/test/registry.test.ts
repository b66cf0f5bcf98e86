import { expect, test } from "vitest";
import { pluginNames } from "../src/registry";

test("finds every plugin", () => {
  expect(pluginNames()).toEqual(["alpha", "beta"]);
});
