import { expect, test } from "vitest";
import { run } from "../src/ops";

test("adds", () => {
  expect(run("add", 2, 3)).toBe(5);
});
