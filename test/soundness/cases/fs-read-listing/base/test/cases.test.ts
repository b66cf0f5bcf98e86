import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

test("one case per file in cases/", () => {
  expect(readdirSync(join(__dirname, "cases"))).toEqual(["one.txt"]);
});
