import { expect, test } from "vitest";
import { pluginNames } from "../src/registry";

test("finds the plugins", () => {
  expect(pluginNames()).toEqual(["alpha", "beta"]);
});
