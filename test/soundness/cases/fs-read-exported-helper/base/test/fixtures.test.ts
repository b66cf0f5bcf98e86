import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { fixturePath } from "./support/paths";

test("the fixture is ok", () => {
  expect(JSON.parse(readFileSync(fixturePath("one.json"), "utf8")).ok).toBe(true);
});
