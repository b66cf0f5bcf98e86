import { expect, test } from "vitest";
import { title } from "../src/panel";

test("the panel's title", () => {
  expect(title).toBe("panel");
});
