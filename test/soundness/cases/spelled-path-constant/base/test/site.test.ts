import { expect, test } from "vitest";
import { page } from "../src/site.js";

test("the home page welcomes", () => {
  expect(page("index.html")).toContain("Welcome");
});
