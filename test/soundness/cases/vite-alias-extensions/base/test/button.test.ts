import { expect, test } from "vitest";
import { kind } from "@/button";

test("the web button", () => {
  expect(kind).toBe("web");
});
