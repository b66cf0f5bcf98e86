import { expect, test } from "vitest";
import { run } from "../src/load";

test("runs the helper", () => {
  expect(run()).toBe(2);
});
