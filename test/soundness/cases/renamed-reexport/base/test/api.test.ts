import { expect, test } from "vitest";
import { run } from "../src/api";

test("runs", () => {
  expect(run(2)).toBe(4);
});
