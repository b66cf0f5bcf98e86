import { expect, test } from "vitest";
import { Model } from "../src/model";

test("a declared field is redefined after the base constructor", () => {
  expect(new Model().id).toBeUndefined();
});
