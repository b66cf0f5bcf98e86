import { expect, it } from "vitest";
import text from "../src/template.ts?raw";

it("ships the template's source", () => {
  expect(text).toContain("start page");
});
