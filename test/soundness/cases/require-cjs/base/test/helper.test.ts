import { expect, test } from "vitest";
import { run } from "../src/index.cjs";

test("runs the helper", () => {
  expect(run()).toBe(2);
});
