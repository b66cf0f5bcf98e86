import { expect, test } from "vitest";
import { Counter } from "../src/counter";

test("starts at one", () => {
  expect(new Counter().value).toBe(1);
});
