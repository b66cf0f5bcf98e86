import { expect, test } from "vitest";
import { title } from "../src/title.js";

test("titles", () => {
  expect(title()).toBe("Other");
});
