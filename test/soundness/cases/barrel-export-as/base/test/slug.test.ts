import { expect, test } from "vitest";
import { slug } from "../src/index";

test("slugs", () => {
  expect(slug("Hello World")).toBe("hello-world");
});
