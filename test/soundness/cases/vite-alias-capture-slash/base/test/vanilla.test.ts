import { expect, test } from "vitest";
import { createStore } from "store/vanilla";

test("the store keeps its value", () => {
  expect(createStore(1).get()).toBe(1);
});
