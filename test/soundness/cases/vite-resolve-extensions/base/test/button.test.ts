import { expect, test } from "vitest";
import { kind } from "../src/button";

test("the web button", () => {
  expect(kind).toBe("web");
});
