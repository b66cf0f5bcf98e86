import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { jsonFixture } from "./support/paths";

test("the fixture is ok", () => {
  expect(JSON.parse(readFileSync(jsonFixture("one"), "utf8")).ok).toBe(true);
});
