import { expect, test } from "vitest";
import { label } from "../vendor/ui";

test("labels", () => {
  expect(label("a")).toBe("<a>");
});
