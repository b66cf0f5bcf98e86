import { expect, test } from "vitest";
import { slugify } from "../src/index";

test("slugs", () => {
  expect(slugify("Hello World")).toBe("hello-world");
});
